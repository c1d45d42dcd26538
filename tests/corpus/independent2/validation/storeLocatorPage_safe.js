// Minimal server-rendered store locator page.
const express = require("express");
const escapeHtml = require("escape-html");
const { findStoresNear } = require("./stores");

const app = express();

app.get("/stores", async (req, res, next) => {
  try {
    const city = typeof req.query.city === "string" ? req.query.city : "";
    const stores = city ? await findStoresNear(city) : [];

    const rows = stores
      .map(
        (s) =>
          `<tr><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.address)}</td><td>${escapeHtml(s.phone)}</td></tr>`
      )
      .join("");

    res.send(`<!doctype html>
<html>
  <head><title>Find a store</title></head>
  <body>
    <h1>Stores near ${escapeHtml(city)}</h1>
    <table>${rows}</table>
  </body>
</html>`);
  } catch (err) {
    next(err);
  }
});

app.listen(process.env.PORT || 3000);
