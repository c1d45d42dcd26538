const express = require("express");
const path = require("path");
const fs = require("fs");

const app = express();
const REPORTS = path.join(__dirname, "reports");

app.get("/reports/:name", (req, res) => {
  const file = path.join(REPORTS, req.params.name);
  fs.readFile(file, "utf8", (err, data) => {
    if (err) return res.sendStatus(404);
    res.send(data);
  });
});

module.exports = app;
