const express = require("express");
const mysql = require("mysql2");

const app = express();
const db = mysql.createPool({ host: "localhost", user: "shop", database: "shop" });

app.get("/api/products", (req, res) => {
  const category = req.query.category;
  db.query(`SELECT id, name, price FROM products WHERE category = '${category}'`, (err, rows) => {
    if (err) return res.status(500).json({ error: "query failed" });
    res.json(rows);
  });
});

module.exports = app;
