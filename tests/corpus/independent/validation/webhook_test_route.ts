// src/routes/webhooks.ts - lets integrators send a test event to their endpoint
import { Router } from 'express';
import axios from 'axios';
import { requireUser } from '../middleware/auth';

const router = Router();

router.post('/webhooks/test', requireUser, async (req, res) => {
  const { targetUrl, event = 'ping' } = req.body as { targetUrl: string; event?: string };
  if (!targetUrl) {
    return res.status(400).json({ error: 'targetUrl is required' });
  }

  const payload = { event, sentAt: new Date().toISOString(), accountId: req.user!.accountId };
  try {
    const response = await axios.post(targetUrl, payload, { timeout: 5000 });
    res.json({ delivered: true, status: response.status, body: String(response.data).slice(0, 2000) });
  } catch (err: any) {
    res.status(502).json({ delivered: false, error: err.message });
  }
});

export default router;
