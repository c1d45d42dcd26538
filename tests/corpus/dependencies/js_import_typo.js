const express = require("express");
const lodahs = require("lodahs");

const app = express();
app.get("/ids", (req, res) => res.json(lodahs.uniq([3, 1, 3])));
