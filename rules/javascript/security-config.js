const crypto = require('crypto');
const session = require('express-session');

function login(req, res, user) {
  // ruleid: js.cookie.insecure
  res.cookie('session', user.sessionId);
  // ok: js.cookie.insecure
  res.cookie('session', user.sessionId, { secure: true, httpOnly: true, sameSite: 'lax' });
  // ruleid: js.logging.secret
  console.log('login', user.name, user.password);
  // ok: js.logging.secret
  console.log('login', user.name);
}

// ruleid: js.cookie.insecure
app.use(session({ secret: process.env.SESSION_KEY, cookie: { secure: false } }));

function fingerprint(data) {
  // ruleid: js.crypto.weak-hash
  return crypto.createHash('md5').update(data).digest('hex');
}

function fingerprintOk(data) {
  // ok: js.crypto.weak-hash
  return crypto.createHash('sha256').update(data).digest('hex');
}

function newSession() {
  // ruleid: js.crypto.insecure-random
  const token = Math.random().toString(36).slice(2);
  return token;
}

function generateResetCode() {
  // ruleid: js.crypto.insecure-random
  return Math.floor(Math.random() * 1000000);
}

function jitter() {
  // ok: js.crypto.insecure-random
  const delay = Math.random() * 100;
  return delay;
}

function newSessionOk() {
  // ok: js.crypto.insecure-random
  const token = crypto.randomBytes(32).toString('hex');
  return token;
}

// ruleid: js.tls.verification-disabled
const agent = new https.Agent({ rejectUnauthorized: false });
// ok: js.tls.verification-disabled
const agent2 = new https.Agent({ ca: caBundle });
