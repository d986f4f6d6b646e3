// One step of the request pipeline that both doors run (apps/gateway/src/request-pipeline.ts): express mounts each
// stage with app.use, the fast lane composes the same functions once per route.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Calls `next` to go on, or answers the request itself and does not. */
export type PipelineStage = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type RequestEnd = (req: IncomingMessage, res: ServerResponse) => void;

/** `stages` in order, then `end`; built once, so a request allocates one continuation per stage and nothing else. */
export function composeStages(stages: readonly PipelineStage[], end: RequestEnd): RequestEnd {
  return stages.reduceRight<RequestEnd>((next, stage) => (req, res) => stage(req, res, () => next(req, res)), end);
}
