import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_RESTRICTED_KEY ?? "", { apiVersion: "2024-06-20" });

export async function refund(chargeId: string): Promise<Stripe.Refund> {
  return stripe.refunds.create({ charge: chargeId });
}
