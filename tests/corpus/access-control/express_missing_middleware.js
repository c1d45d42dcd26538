const express = require("express");
const { requireAuth } = require("./middleware/auth");
const Order = require("./models/order");

const router = express.Router();

router.get("/orders", requireAuth, async (req, res) => {
  res.json(await Order.find({ userId: req.user.id }));
});

router.post("/orders", requireAuth, async (req, res) => {
  const order = await Order.create({ ...req.body, userId: req.user.id });
  res.status(201).json(order);
});

router.delete("/orders/:orderId", async (req, res) => {
  await Order.deleteOne({ _id: req.params.orderId });
  res.sendStatus(204);
});

module.exports = router;
