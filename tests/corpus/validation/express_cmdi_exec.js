const express = require("express");
const { exec } = require("child_process");

const app = express();

app.get("/api/dns", (req, res) => {
  exec("nslookup " + req.query.domain, (err, stdout) => {
    if (err) return res.status(400).send("lookup failed");
    res.type("text/plain").send(stdout);
  });
});

app.listen(3000);
