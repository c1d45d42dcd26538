import express, { Request, Response } from "express";
import { authenticate } from "./auth";
import { Settings } from "./models";

const router = express.Router();

router.get("/public/plans", async (_req: Request, res: Response) => {
  res.json(await Settings.plans());
});

router.use(authenticate);

router.get("/settings", async (req: Request, res: Response) => {
  res.json(await Settings.forUser((req as any).user.id));
});

router.put("/settings", async (req: Request, res: Response) => {
  res.json(await Settings.update((req as any).user.id, req.body));
});

export default router;
