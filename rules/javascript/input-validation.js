const express = require('express');
const { chargeCard } = require('./payments');
const { getProductsByIds } = require('./products');

const app = express();

app.post('/checkout', async (req, res) => {
  const { items, paymentMethodId } = req.body;
  const totalCents = Math.round(items.reduce((sum, i) => sum + Number(i.unitPrice) * Number(i.quantity), 0) * 100);
  // ruleid: js.validation.unchecked-amount
  const charge = await chargeCard(req.user.id, paymentMethodId, totalCents);
  res.json({ id: charge.id });
});

app.post('/checkout2', async (req, res) => {
  const { items, paymentMethodId } = req.body;
  const products = await getProductsByIds(items.map((i) => i.productId));
  let totalCents = 0;
  for (const item of items) {
    const quantity = Number(item.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 50) {
      return res.status(400).json({ error: 'invalid quantity' });
    }
    totalCents += products.get(item.productId).priceCents * quantity;
  }
  // ok: js.validation.unchecked-amount
  const charge = await chargeCard(req.user.id, paymentMethodId, totalCents);
  res.json({ id: charge.id });
});

app.post('/pay', async (req, res) => {
  // ruleid: js.validation.unchecked-amount
  const intent = await stripe.paymentIntents.create({ amount: req.body.amount, currency: 'usd' });
  res.json({ clientSecret: intent.client_secret });
});
