// src/routes/sso.ts - finish SSO login and send the user back where they started
import { Router, Request, Response } from 'express';
import { exchangeCodeForSession } from '../auth/sso';

const router = Router();
const APP_ORIGIN = process.env.APP_ORIGIN ?? 'https://app.example.com';

function safeReturnPath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) {
    return '/app';
  }
  const resolved = new URL(raw, APP_ORIGIN);
  return resolved.origin === APP_ORIGIN ? resolved.pathname + resolved.search : '/app';
}

router.get('/sso/callback', async (req: Request, res: Response) => {
  const code = req.query.code as string | undefined;
  const returnTo = safeReturnPath(req.query.returnTo);
  if (!code) {
    return res.status(400).send('Missing authorization code');
  }

  try {
    const session = await exchangeCodeForSession(code);
    req.session.userId = session.userId;
    res.redirect(returnTo);
  } catch (err) {
    res.status(401).send('SSO login failed');
  }
});

export default router;
