import express, { Request, Response } from "express";
import { authenticate } from "./auth";
import { Settings } from "./models";

const router = express.Router();

router.get("/settings", authenticate, async (req: Request, res: Response) => {
  res.json(await Settings.forUser((req as any).user.id));
});

router.put("/settings", authenticate, async (req: Request, res: Response) => {
  res.json(await Settings.update((req as any).user.id, req.body));
});

router.put("/settings/billing", async (req: Request, res: Response) => {
  res.json(await Settings.updateBilling(req.body.accountId, req.body));
});

export default router;
