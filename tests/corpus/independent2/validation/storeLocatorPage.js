// Minimal server-rendered store locator page.
const express = require("express");
const { findStoresNear } = require("./stores");

const app = express();

app.get("/stores", async (req, res, next) => {
  try {
    const city = req.query.city || "";
    const stores = city ? await findStoresNear(city) : [];

    const rows = stores
      .map((s) => `<tr><td>${s.name}</td><td>${s.address}</td><td>${s.phone}</td></tr>`)
      .join("");

    res.send(`<!doctype html>
<html>
  <head><title>Find a store</title></head>
  <body>
    <h1>Stores near ${city}</h1>
    <table>${rows}</table>
  </body>
</html>`);
  } catch (err) {
    next(err);
  }
});

app.listen(process.env.PORT || 3000);
