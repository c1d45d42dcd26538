// Customer lookup routes for the CRM back office.
const express = require("express");
const mysql = require("mysql2/promise");
const { requireAuth } = require("../middleware/auth");

const router = express.Router();

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: process.env.DB_NAME || "crm",
  connectionLimit: 10,
});

router.use(requireAuth);

/**
 * GET /customers?email=...
 * Find customers by exact email address.
 */
router.get("/customers", async (req, res, next) => {
  try {
    const { email } = req.query;
    if (typeof email !== "string" || email.length === 0) {
      return res.status(400).json({ error: "email is required" });
    }
    const [rows] = await pool.execute(
      "SELECT id, name, email, created_at FROM customers WHERE email = ?",
      [email]
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
