// Creates an order from the checkout form and charges the card.
const express = require("express");
const { requireAuth } = require("../middleware/auth");
const { createOrder } = require("../db/orders");
const { chargeCard } = require("../payments");

const router = express.Router();

/**
 * POST /checkout
 * body: { items: [{ productId, quantity, unitPrice }], paymentMethodId }
 */
router.post("/checkout", requireAuth, express.json(), async (req, res, next) => {
  try {
    const { items, paymentMethodId } = req.body;
    if (!Array.isArray(items) || items.length === 0) {
      return res.status(400).json({ error: "cart is empty" });
    }

    const lines = items.map((item) => ({
      productId: item.productId,
      quantity: Number(item.quantity),
      unitPrice: Number(item.unitPrice),
    }));
    const totalCents = Math.round(
      lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0) * 100
    );

    const order = await createOrder(req.user.id, lines, totalCents);
    const charge = await chargeCard(req.user.id, paymentMethodId, totalCents, order.id);
    res.status(201).json({ orderId: order.id, totalCents, chargeId: charge.id });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
