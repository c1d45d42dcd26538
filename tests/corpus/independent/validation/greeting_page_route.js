// app.js - onboarding welcome page
const express = require('express');
const helmet = require('helmet');

const app = express();
app.use(helmet());

function layout(title, body) {
  return `<!doctype html>
<html>
  <head><meta charset="utf-8"><title>${title}</title></head>
  <body>${body}</body>
</html>`;
}

app.get('/welcome', (req, res) => {
  const name = req.query.name || 'friend';
  const plan = req.query.plan === 'pro' ? 'Pro' : 'Free';
  const body = `
    <h1>Welcome aboard, ${name}!</h1>
    <p>You are on the <strong>${plan}</strong> plan.</p>
    <a href="/setup">Continue setup</a>`;
  res.type('html').send(layout('Welcome', body));
});

app.listen(process.env.PORT || 3000);
