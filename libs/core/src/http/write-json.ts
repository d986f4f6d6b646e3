import type { Response } from 'express';

/** Sends a JSON answer, forwarding the upstream's own bytes when they are available. */
export function writeJson(res: Response, body: unknown, raw?: Buffer): void {
  if (raw === undefined) {
    res.json(body);
    return;
  }
  res.setHeader('Content-Type', 'application/json');
  res.end(raw);
}
