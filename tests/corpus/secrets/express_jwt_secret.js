const express = require("express");
const jwt = require("jsonwebtoken");

const app = express();
const JWT_SECRET = "AQMJC0Zvt7Y2fAD88y5DTbQNNkXcCNzw";

app.post("/api/token", (req, res) => {
  const token = jwt.sign({ sub: req.body.username }, JWT_SECRET, { expiresIn: "1h" });
  res.json({ token });
});

app.listen(3000);
