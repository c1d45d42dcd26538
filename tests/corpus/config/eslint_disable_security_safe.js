const express = require("express");
const app = express();

app.get("/calc", (req, res) => {
  // eslint-disable-next-line no-console
  console.log("calc requested");
  res.json({ result: Number(req.query.a) + Number(req.query.b) });
});
