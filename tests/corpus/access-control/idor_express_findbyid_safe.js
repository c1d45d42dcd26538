const express = require("express");
const passport = require("passport");
const Profile = require("./models/profile");

const app = express();
app.use(express.json());

app.get("/api/profiles/:id", passport.authenticate("jwt", { session: false }), async (req, res) => {
  const profile = await Profile.findOne({ _id: req.params.id, owner: req.user.id });
  if (!profile) return res.sendStatus(404);
  res.json(profile);
});

module.exports = app;
