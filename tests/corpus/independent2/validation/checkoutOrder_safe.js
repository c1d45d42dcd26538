// Creates an order from the checkout form and charges the card.
const express = require("express");
const { requireAuth } = require("../middleware/auth");
const { createOrder } = require("../db/orders");
const { getProductsByIds } = require("../db/products");
const { chargeCard } = require("../payments");

const router = express.Router();

/**
 * POST /checkout
 * body: { items: [{ productId, quantity }], paymentMethodId }
 */
router.post("/checkout", requireAuth, express.json(), async (req, res, next) => {
  try {
    const { items, paymentMethodId } = req.body;
    if (!Array.isArray(items) || items.length === 0 || items.length > 100) {
      return res.status(400).json({ error: "cart is empty or too large" });
    }

    const products = await getProductsByIds(items.map((i) => i.productId));
    const lines = [];
    for (const item of items) {
      const product = products.get(item.productId);
      const quantity = Number(item.quantity);
      if (!product || !Number.isInteger(quantity) || quantity < 1 || quantity > 50) {
        return res.status(400).json({ error: "invalid cart item" });
      }
      lines.push({ productId: product.id, quantity, unitPriceCents: product.priceCents });
    }
    const totalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);

    const order = await createOrder(req.user.id, lines, totalCents);
    const charge = await chargeCard(req.user.id, paymentMethodId, totalCents, order.id);
    res.status(201).json({ orderId: order.id, totalCents, chargeId: charge.id });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
