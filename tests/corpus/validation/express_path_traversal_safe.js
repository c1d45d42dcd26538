const express = require("express");
const path = require("path");

const app = express();
const REPORTS = path.join(__dirname, "reports");

app.get("/reports/:name", (req, res) => {
  const name = path.basename(req.params.name);
  res.sendFile(name, { root: REPORTS }, (err) => {
    if (err) res.sendStatus(404);
  });
});

module.exports = app;
