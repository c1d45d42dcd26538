// src/routes/sso.ts - finish SSO login and send the user back where they started
import { Router, Request, Response } from 'express';
import { exchangeCodeForSession } from '../auth/sso';

const router = Router();

router.get('/sso/callback', async (req: Request, res: Response) => {
  const code = req.query.code as string | undefined;
  const returnTo = (req.query.returnTo as string) || '/app';
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
