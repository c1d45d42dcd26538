// routes/downloads.js
const express = require('express');
const path = require('path');
const fs = require('fs');
const { requireAuth } = require('../middleware/auth');

const router = express.Router();
const EXPORTS_DIR = path.resolve(__dirname, '..', 'exports');

router.get('/exports', requireAuth, (req, res) => {
  const files = fs.readdirSync(EXPORTS_DIR).filter((f) => f.endsWith('.csv'));
  res.json({ files });
});

// GET /exports/:name -> stream a CSV export
router.get('/exports/:name', requireAuth, (req, res) => {
  const filePath = path.resolve(EXPORTS_DIR, req.params.name);
  if (!filePath.startsWith(EXPORTS_DIR + path.sep) || path.extname(filePath) !== '.csv') {
    return res.status(400).json({ error: 'invalid export name' });
  }
  fs.access(filePath, fs.constants.R_OK, (err) => {
    if (err) {
      return res.status(404).json({ error: 'export not found' });
    }
    res.download(filePath);
  });
});

module.exports = router;
