// src/routes/images.ts
import { Router, Request, Response } from 'express';
import { execFile } from 'child_process';
import path from 'path';
import { promisify } from 'util';

const execFileAsync = promisify(execFile);
const router = Router();

const UPLOAD_DIR = process.env.UPLOAD_DIR ?? '/srv/uploads';
const ALLOWED_FORMATS = new Set(['png', 'jpg', 'webp']);

interface ConvertBody {
  fileName: string;
  format: string;
  quality?: number;
}

router.post('/images/convert', async (req: Request<{}, {}, ConvertBody>, res: Response) => {
  const { fileName, format } = req.body;
  const quality = Number(req.body.quality ?? 85);
  if (!ALLOWED_FORMATS.has(format)) {
    return res.status(400).json({ error: `format must be one of ${[...ALLOWED_FORMATS].join(', ')}` });
  }
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    return res.status(400).json({ error: 'quality must be an integer between 1 and 100' });
  }
  const input = path.join(UPLOAD_DIR, path.basename(String(fileName)));
  const output = input.replace(/\.[^.]+$/, '') + '.' + format;

  try {
    await execFileAsync('convert', [input, '-quality', String(quality), output]);
    res.json({ output: path.basename(output) });
  } catch (err) {
    res.status(500).json({ error: 'conversion failed' });
  }
});

export default router;
