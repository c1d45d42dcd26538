const express = require('express');
const { exec, execFile } = require('child_process');
const fs = require('fs');
const path = require('path');
const jwt = require('jsonwebtoken');
const cors = require('cors');
const axios = require('axios');
const escapeHtml = require('escape-html');

const app = express();
const BASE = '/srv/files';

app.get('/ping', (req, res) => {
  // ruleid: js.command-injection.exec
  exec('ping -c 1 ' + req.query.host, (err, out) => res.send(escapeHtml(out)));
});

app.get('/ping2', (req, res) => {
  // ok: js.command-injection.exec
  execFile('ping', ['-c', '1', req.query.host], (err, out) => res.json({ out }));
});

app.post('/calc', (req, res) => {
  // ruleid: js.code-injection.eval
  const result = eval(req.body.expr);
  res.json({ result });
});

app.post('/calc2', (req, res) => {
  // ok: js.code-injection.eval
  const result = JSON.parse(req.body.data);
  res.json({ result });
});

app.get('/user', async (req, res) => {
  // ruleid: js.sqli.query
  const rows = await db.query(`SELECT * FROM users WHERE name = '${req.query.name}'`);
  res.json(rows);
});

app.get('/user2', async (req, res) => {
  // ok: js.sqli.query
  const rows = await db.query('SELECT * FROM users WHERE name = $1', [req.query.name]);
  res.json(rows);
});

app.get('/hello', (req, res) => {
  // ruleid: js.xss.response
  res.send('<h1>Hello ' + req.query.name + '</h1>');
});

app.get('/hello2', (req, res) => {
  // ok: js.xss.response
  res.send('<h1>Hello ' + escapeHtml(req.query.name) + '</h1>');
});

app.get('/file', (req, res) => {
  // ruleid: js.path-traversal.fs
  fs.readFile(path.join(BASE, req.query.name), (err, data) => res.end(data));
});

app.get('/file2', (req, res) => {
  // ok: js.path-traversal.fs
  fs.readFile(path.join(BASE, path.basename(req.query.name)), (err, data) => res.end(data));
});

app.get('/go', (req, res) => {
  // ruleid: js.redirect.open
  res.redirect(req.query.next);
});

app.get('/go2', (req, res) => {
  // ok: js.redirect.open
  res.redirect('/home');
});

app.get('/logout', (req, res) => {
  const target = String(req.query.returnTo || '/');
  // ok: js.redirect.open
  res.redirect(target.startsWith('/') && !target.startsWith('//') ? target : '/');
});

app.get('/proxy', async (req, res) => {
  // ruleid: js.ssrf.request
  const r = await axios.get(req.query.url);
  res.json(r.data);
});

app.get('/proxy2', async (req, res) => {
  // ok: js.ssrf.request
  const r = await axios.get(`https://api.example.com/${encodeURIComponent(req.query.id)}`);
  res.json(r.data);
});

function currentUser(token) {
  // ruleid: js.jwt.unverified
  return jwt.decode(token);
}

function currentUserOk(token) {
  // ok: js.jwt.unverified
  return jwt.verify(token, process.env.JWT_KEY, { algorithms: ['HS256'] });
}

// ruleid: js.cors.wildcard-credentials
app.use(cors({ origin: true, credentials: true }));
// ok: js.cors.wildcard-credentials
app.use(cors({ origin: ['https://app.example.com'], credentials: true }));

// A promisified exec runs its argument through a shell too.
const execAsync = util.promisify(cp.exec);
app.post('/convert', async (req, res) => {
  // ruleid: js.command-injection.exec
  await execAsync(`convert in.png -quality ${req.body.quality} out.png`);
  res.json({ ok: true });
});

const FORMATS = new Set(['png', 'jpg']);
app.post('/convert2', async (req, res) => {
  const format = req.body.format;
  if (!FORMATS.has(format)) {
    return res.status(400).end();
  }
  // ok: js.command-injection.exec
  await execAsync(`convert in.png out.${format}`);
  res.json({ ok: true });
});

app.get('/greet', (req, res) => {
  const name = req.query.name || 'friend';
  // ruleid: js.xss.response
  res.type('html').send(`<h1>Hello ${name}</h1>`);
});

app.get('/exports/:name', (req, res) => {
  const filePath = path.resolve(EXPORTS_DIR, req.params.name);
  if (!filePath.startsWith(EXPORTS_DIR + path.sep)) {
    return res.status(400).end();
  }
  // ok: js.path-traversal.fs
  res.download(filePath);
});

function safeReturnPath(raw) {
  return typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/app';
}

app.get('/sso/return', (req, res) => {
  // ok: js.redirect.open
  res.redirect(safeReturnPath(req.query.returnTo));
});

app.post('/webhooks/test', async (req, res) => {
  const { targetUrl, event = 'ping' } = req.body;
  // ruleid: js.ssrf.request
  const response = await axios.post(targetUrl, { event });
  res.json({ status: response.status });
});

app.get('/stores', async (req, res) => {
  const city = req.query.city || '';
  const stores = await findStoresNear(city);
  const rows = stores.map((s) => `<tr><td>${escapeHtml(s.name)}</td></tr>`).join('');
  // ok: js.xss.response
  res.send(`<h1>Stores near ${escapeHtml(city)}</h1><table>${rows}</table>`);
});

app.get('/stores2', async (req, res) => {
  const city = req.query.city || '';
  // ruleid: js.xss.response
  res.send(`<h1>Stores near ${city}</h1>`);
});
