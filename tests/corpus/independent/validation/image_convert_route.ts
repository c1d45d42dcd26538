// src/routes/images.ts
import { Router, Request, Response } from 'express';
import { exec } from 'child_process';
import path from 'path';
import { promisify } from 'util';

const execAsync = promisify(exec);
const router = Router();

const UPLOAD_DIR = process.env.UPLOAD_DIR ?? '/srv/uploads';
const ALLOWED_FORMATS = new Set(['png', 'jpg', 'webp']);

interface ConvertBody {
  fileName: string;
  format: string;
  quality?: number;
}

router.post('/images/convert', async (req: Request<{}, {}, ConvertBody>, res: Response) => {
  const { fileName, format, quality = 85 } = req.body;
  if (!ALLOWED_FORMATS.has(format)) {
    return res.status(400).json({ error: `format must be one of ${[...ALLOWED_FORMATS].join(', ')}` });
  }
  const input = path.join(UPLOAD_DIR, path.basename(fileName));
  const output = input.replace(/\.[^.]+$/, '') + '.' + format;

  try {
    await execAsync(`convert "${input}" -quality ${quality} "${output}"`);
    res.json({ output: path.basename(output) });
  } catch (err) {
    res.status(500).json({ error: 'conversion failed' });
  }
});

export default router;
