// Query strings arrive as text; these turn them into the declared types before class-validator checks them.
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `'42'` → 42; anything that is not a whole decimal number stays as given, for the validator to name. */
export const ToInteger = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));

/** `'true'` / `'false'` (any case, also 1/0) → boolean. */
export const ToBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const lower = value.toLowerCase();
    return lower === 'true' || lower === '1' ? true : lower === 'false' || lower === '0' ? false : value;
  });

/** `limit`: a whole number from 1 to `max`, documented with its default. */
export function PageLimit(defaultLimit: number, max: number): PropertyDecorator {
  const range = `limit must be between 1 and ${max}`;
  return applyDecorators(
    ApiPropertyOptional({ description: 'Page size', default: defaultLimit, minimum: 1, maximum: max }),
    IsOptional(),
    ToInteger(),
    IsInt({ message: 'limit must be a whole number' }),
    Min(1, { message: range }),
    Max(max, { message: range }),
  );
}

/** `offset`: how many rows to skip, 0 or more. */
export function PageOffset(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'Rows to skip', default: 0, minimum: 0 }),
    IsOptional(),
    ToInteger(),
    IsInt({ message: 'offset must be a whole number' }),
    Min(0, { message: 'offset must be 0 or more' }),
  );
}

/** `status`: an HTTP status code (100–599), as sent to the client. */
export function HttpStatusFilter(description = 'HTTP status sent to the client'): PropertyDecorator {
  const message = 'status must be an HTTP status code';
  return applyDecorators(
    ApiPropertyOptional({ description, example: 200 }),
    IsOptional(),
    ToInteger(),
    IsInt({ message }),
    Min(100, { message }),
    Max(599, { message }),
  );
}
