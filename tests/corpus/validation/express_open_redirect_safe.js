const express = require("express");
const app = express();

app.get("/logout", (req, res) => {
  req.session = null;
  const target = String(req.query.returnTo || "/");
  res.redirect(target.startsWith("/") && !target.startsWith("//") ? target : "/");
});

module.exports = app;
