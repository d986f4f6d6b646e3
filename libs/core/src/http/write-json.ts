import type { ServerResponse } from 'node:http';

/** Sends a JSON answer, forwarding the upstream's own bytes when they are available. */
export function writeJson(res: ServerResponse, body: unknown, raw?: Buffer): void {
  const payload = raw ?? Buffer.from(JSON.stringify(body));
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', payload.length);
  res.end(payload);
}
