const express = require("express");
const { requireAuth } = require("./auth");
const Course = require("./models/course");

const router = express.Router();

router.get("/courses", async (req, res) => {
  res.json(await Course.find({ published: true }));
});

router.get("/courses/:id", async (req, res) => {
  res.json(await Course.findById(req.params.id));
});

router.post("/courses/:id/enroll", requireAuth, async (req, res) => {
  await Course.updateOne({ _id: req.params.id }, { $addToSet: { students: req.user.id } });
  res.sendStatus(204);
});

module.exports = router;
