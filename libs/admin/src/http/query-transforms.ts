// Query strings arrive as text; these turn them into the declared types before class-validator checks them.
import { Transform } from 'class-transformer';

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
