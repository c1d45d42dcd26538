// src/routes/webhooks.ts - lets integrators send a test event to their endpoint
import { Router } from 'express';
import axios from 'axios';
import dns from 'dns/promises';
import ipaddr from 'ipaddr.js';
import { requireUser } from '../middleware/auth';

const router = Router();

async function isPublicHttpsUrl(raw: string): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  const addresses = await dns.lookup(url.hostname, { all: true });
  return addresses.length > 0 && addresses.every((a) => ipaddr.parse(a.address).range() === 'unicast');
}

router.post('/webhooks/test', requireUser, async (req, res) => {
  const { targetUrl, event = 'ping' } = req.body as { targetUrl: string; event?: string };
  if (!targetUrl || !(await isPublicHttpsUrl(targetUrl).catch(() => false))) {
    return res.status(400).json({ error: 'targetUrl must be a public https URL' });
  }

  const payload = { event, sentAt: new Date().toISOString(), accountId: req.user!.accountId };
  try {
    const response = await axios.post(targetUrl, payload, { timeout: 5000, maxRedirects: 0 });
    res.json({ delivered: true, status: response.status });
  } catch (err: any) {
    res.status(502).json({ delivered: false, error: 'delivery failed' });
  }
});

export default router;
