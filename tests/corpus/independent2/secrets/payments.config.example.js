// Example payments configuration.
// Copy to payments.config.js (git-ignored) and replace the placeholder values,
// or set the matching environment variables in your deployment.
module.exports = {
  stripe: {
    secretKey: process.env.STRIPE_SECRET_KEY || "<your-stripe-secret-key>",
    publishableKey: process.env.STRIPE_PUBLISHABLE_KEY || "pk_test_xxxxxxxxxxxxxxxxxxxxxxxx",
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || "whsec_...",
  },
  paypal: {
    clientId: process.env.PAYPAL_CLIENT_ID || "YOUR_PAYPAL_CLIENT_ID",
    clientSecret: process.env.PAYPAL_CLIENT_SECRET || "changeme",
    sandbox: true,
  },
  currency: "usd",
};
