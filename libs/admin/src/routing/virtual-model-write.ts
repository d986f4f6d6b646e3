// GoModel's PUT /admin/virtual-models body (`source`, `old_source`, `target_model` or `targets`, `strategy`,
// `session_affinity`, `user_paths`, `description`, `enabled`), read by the same rules as config.yaml's declarations.
import { readVirtualModel, VirtualModelFieldError, type VirtualModelSpec } from '@modelgate/config';
import { GatewayError } from '@modelgate/core';

export interface VirtualModelWrite {
  spec: VirtualModelSpec;
  /** The source the virtual model had: the write renames it. */
  oldSource: string | undefined;
}

function isMapping(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

export function toVirtualModelWrite(body: unknown): VirtualModelWrite {
  if (!isMapping(body))
    throw GatewayError.badRequest('the body must be a JSON object like {"source":"smart","targets":[{"model":"gpt-4o"}]}');
  const { old_source: oldSource, ...fields } = body;
  if (oldSource !== undefined && oldSource !== null && typeof oldSource !== 'string')
    throw GatewayError.badRequest('old_source must be a string', { param: 'old_source' });
  try {
    return { spec: readVirtualModel(fields, { targetField: 'target_model', ignored: [] }), oldSource: oldSource?.trim() || undefined };
  } catch (err) {
    if (!(err instanceof VirtualModelFieldError)) throw err;
    const message = err.field === 'slowdown' ? 'slowdown is not supported by ModelGate' : err.message;
    throw GatewayError.badRequest(message, { param: err.field });
  }
}

/** DELETE's body: `{ "source": "smart" }`. */
export function toVirtualModelSource(body: unknown): string {
  const source = isMapping(body) ? body.source : undefined;
  if (typeof source !== 'string' || source.trim() === '') throw GatewayError.badRequest('source is required', { param: 'source' });
  return source.trim();
}
