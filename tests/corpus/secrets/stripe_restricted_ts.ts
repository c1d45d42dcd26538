import Stripe from "stripe";

const stripe = new Stripe("rk_live_QJk5JsxSssmIkhFuJ1tFnTCwE9mL26n3V2", { apiVersion: "2024-06-20" });

export async function refund(chargeId: string): Promise<Stripe.Refund> {
  return stripe.refunds.create({ charge: chargeId });
}
