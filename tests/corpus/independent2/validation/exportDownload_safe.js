// Serves CSV exports produced by the nightly job.
const express = require("express");
const fs = require("fs");
const path = require("path");
const { requireAuth } = require("../middleware/auth");

const router = express.Router();
const EXPORT_DIR = path.resolve(process.env.EXPORT_DIR || path.join(__dirname, "..", "exports"));

router.get("/exports/:fileName", requireAuth, (req, res) => {
  const filePath = path.resolve(EXPORT_DIR, req.params.fileName);
  if (!filePath.startsWith(EXPORT_DIR + path.sep)) {
    return res.status(400).json({ error: "Invalid export name" });
  }

  fs.stat(filePath, (err, stats) => {
    if (err || !stats.isFile()) {
      return res.status(404).json({ error: "Export not found" });
    }
    res.setHeader("Content-Type", "text/csv");
    res.setHeader("Content-Disposition", "attachment");
    fs.createReadStream(filePath).pipe(res);
  });
});

module.exports = router;
