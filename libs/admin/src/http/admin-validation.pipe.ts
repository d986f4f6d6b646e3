// class-validator on the admin API only (on /v1/* it would strip every new OpenAI field): unknown parameters are
// refused, values are converted to their declared types, and the first problem is a 400 naming its parameter.
import { Injectable, ValidationPipe, type ValidationError } from '@nestjs/common';
import { GatewayError } from '@modelgate/core';

function firstLeaf(error: ValidationError, path: string): { param: string; message: string } {
  const param = path === '' ? error.property : `${path}.${error.property}`;
  const child = error.children?.[0];
  if (child && !error.constraints) return firstLeaf(child, param);
  const constraints = error.constraints ?? {};
  if (constraints.whitelistValidation) return { param, message: `unknown parameter '${param}'` };
  return { param, message: Object.values(constraints)[0] ?? `invalid value for ${param}` };
}

export function toValidationError(errors: ValidationError[]): GatewayError {
  const first = errors[0];
  if (!first) return GatewayError.badRequest('invalid request');
  const { param, message } = firstLeaf(first, '');
  return GatewayError.badRequest(message, { param });
}

@Injectable()
export class AdminValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true, exceptionFactory: toValidationError });
  }
}
