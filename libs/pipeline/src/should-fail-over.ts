import { isGatewayError } from '@modelgate/core';

const MODEL_CODE = /model.*(not_found|unsupported|unavailable)|(not_found|unsupported|unavailable).*model/;
const MODEL_MESSAGE = /model.*(not found|does not exist|unsupported|unavailable|not available|deprecated|retired|disabled)/i;

/**
 * Whether a failed candidate lets the next one be tried (GoModel's ShouldAttemptFallback): a 5xx or 429, or the
 * model being unknown or unavailable there. Validation and auth errors never fall over.
 */
export function shouldFailOver(error: unknown): boolean {
  if (!isGatewayError(error)) return false;
  if (error.status >= 500 || error.status === 429) return true;
  if (error.code !== null && MODEL_CODE.test(error.code)) return true;
  return MODEL_MESSAGE.test(error.message);
}
