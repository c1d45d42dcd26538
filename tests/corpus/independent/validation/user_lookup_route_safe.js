// routes/users.js - admin user lookup endpoints
const express = require('express');
const mysql = require('mysql2/promise');

const router = express.Router();

const pool = mysql.createPool({
  host: process.env.DB_HOST || 'localhost',
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: process.env.DB_NAME || 'app',
  connectionLimit: 10,
});

/**
 * GET /users/search?username=alice&sort=created_at
 * Returns matching users without password hashes.
 */
router.get('/search', async (req, res, next) => {
  try {
    const username = String(req.query.username || '');
    const sql =
      'SELECT id, username, email, created_at FROM users WHERE username LIKE ? ORDER BY created_at DESC LIMIT 50';
    const [rows] = await pool.execute(sql, [`%${username}%`]);
    res.json({ count: rows.length, users: rows });
  } catch (err) {
    next(err);
  }
});

router.get('/:id', async (req, res, next) => {
  try {
    const [rows] = await pool.execute('SELECT id, username, email FROM users WHERE id = ?', [req.params.id]);
    if (rows.length === 0) return res.status(404).json({ error: 'not found' });
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
