const express = require('express');
const ejs = require('ejs');
const Handlebars = require('handlebars');
const libxmljs = require('libxmljs');
const serialize = require('node-serialize');

const app = express();
const ROLES = new Set(['viewer', 'editor']);

app.post('/preview', (req, res) => {
  // ruleid: js.template-injection.compile
  const html = ejs.render(req.body.template, { user: req.user });
  res.send(html);
});

app.post('/card', (req, res) => {
  // ruleid: js.template-injection.compile
  const tpl = Handlebars.compile(req.body.layout);
  res.json({ html: tpl({ name: 'x' }) });
});

app.post('/preview2', (req, res) => {
  // The template is ours; request data is only the context.
  // ok: js.template-injection.compile
  res.send(ejs.render('<p><%= name %></p>', { name: req.body.name }));
});

app.post('/import', (req, res) => {
  // ruleid: js.xxe.parser
  const doc = libxmljs.parseXml(req.body.xml, { noent: true });
  res.json({ root: doc.root().name() });
});

app.post('/import2', (req, res) => {
  // ok: js.xxe.parser
  const doc = libxmljs.parseXml(req.body.xml, { noent: false });
  res.json({ root: doc.root().name() });
});

app.get('/prefs', (req, res) => {
  // ruleid: js.deserialization.unsafe
  const prefs = serialize.unserialize(Buffer.from(req.cookies.prefs, 'base64').toString());
  res.json(prefs);
});

app.get('/prefs2', (req, res) => {
  // ok: js.deserialization.unsafe
  const prefs = JSON.parse(Buffer.from(req.cookies.prefs, 'base64').toString());
  res.json(prefs);
});

app.post('/role', (req, res) => {
  // ruleid: js.trust-boundary.session
  req.session.role = req.body.role;
  res.sendStatus(204);
});

app.post('/role2', (req, res) => {
  const role = req.body.role;
  if (!ROLES.has(role)) {
    return res.sendStatus(400);
  }
  // ok: js.trust-boundary.session
  req.session.role = role;
  res.sendStatus(204);
});
