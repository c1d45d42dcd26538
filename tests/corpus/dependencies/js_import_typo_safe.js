const express = require("express");
const _ = require("lodash");
const fs = require("node:fs");
const helper = require("./helper");

const app = express();
app.get("/ids", (req, res) => res.json(_.uniq([3, 1, 3])));
