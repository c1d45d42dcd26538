// src/routes/account.ts
import { Router } from 'express';
import { requireAuth } from '../middleware/requireAuth';
import { db } from '../db';

const router = Router();

router.get('/account/profile', requireAuth, async (req, res) => {
  const user = await db.user.findUnique({ where: { id: req.user!.id }, select: { id: true, email: true, name: true } });
  res.json(user);
});

router.patch('/account/profile', requireAuth, async (req, res) => {
  const { name } = req.body as { name?: string };
  if (!name || name.length > 100) return res.status(400).json({ error: 'invalid name' });
  const user = await db.user.update({ where: { id: req.user!.id }, data: { name } });
  res.json({ id: user.id, name: user.name });
});

router.delete('/account/:userId', async (req, res) => {
  const userId = Number(req.params.userId);
  if (!Number.isInteger(userId)) return res.status(400).json({ error: 'invalid id' });
  await db.session.deleteMany({ where: { userId } });
  await db.user.delete({ where: { id: userId } });
  res.status(204).end();
});

export default router;
