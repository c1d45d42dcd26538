const express = require("express");
const jwt = require("jsonwebtoken");

const app = express();
const JWT_SECRET = process.env.JWT_SECRET;

app.post("/api/token", (req, res) => {
  const token = jwt.sign({ sub: req.body.username }, JWT_SECRET, { expiresIn: "1h" });
  res.json({ token });
});

app.listen(3000);
