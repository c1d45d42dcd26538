// pages/api/tools/whois.ts
// Domain WHOIS lookup used by the registrar dashboard.
import type { NextApiRequest, NextApiResponse } from "next";
import { exec } from "child_process";
import { promisify } from "util";
import { getServerSession } from "next-auth/next";
import { authOptions } from "../auth/[...nextauth]";

const execAsync = promisify(exec);

type WhoisResponse = { domain: string; raw: string } | { error: string };

export default async function handler(
  req: NextApiRequest,
  res: NextApiResponse<WhoisResponse>
) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) {
    return res.status(401).json({ error: "Not signed in" });
  }

  const domain = String(req.query.domain ?? "").trim().toLowerCase();
  if (!domain) {
    return res.status(400).json({ error: "domain is required" });
  }

  try {
    const { stdout } = await execAsync(`whois ${domain}`, { timeout: 10_000 });
    return res.status(200).json({ domain, raw: stdout });
  } catch (err) {
    return res.status(502).json({ error: "WHOIS lookup failed" });
  }
}
