// config/env.example.js
// Template for local development. Copy to config/env.local.js and put your
// own keys there (that file is git-ignored).
module.exports = {
  port: 3000,
  openai: {
    apiKey: process.env.OPENAI_API_KEY || 'sk-xxxxxxxxxxxxxxxxxxxxxxxx',
    model: 'gpt-4o-mini',
  },
  stripe: {
    secretKey: process.env.STRIPE_SECRET_KEY || 'sk_test_xxxxxxxxxxxxxxxx',
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || 'whsec_xxxxxxxx',
  },
  session: {
    secret: process.env.SESSION_SECRET || 'changeme',
  },
};
