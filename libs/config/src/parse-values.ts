// Parsers for configuration values. Each takes the raw text and the variable's name, and throws a ConfigError
// that names the variable and the rule.
import { posix } from 'node:path';
import { ConfigError } from './config-error.js';

export type Parser<T> = (raw: string, name: string) => T;

function invalid(name: string, raw: string, rule: string, secret = false): ConfigError {
  return new ConfigError(secret ? `${name} is invalid: ${rule}` : `${name}="${raw}" is invalid: ${rule}`);
}

export const parseString: Parser<string> = (raw) => raw;

export const parsePort: Parser<number> = (raw, name) => {
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(name, raw, 'expected a port number from 1 to 65535');
  return port;
};

export const parseBoolean: Parser<boolean> = (raw, name) => {
  const value = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw invalid(name, raw, 'expected true or false');
};

export function parsePositiveInteger(min = 1): Parser<number> {
  return (raw, name) => {
    const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!Number.isSafeInteger(value) || value < min) throw invalid(name, raw, `expected a whole number of at least ${min}`);
    return value;
  };
}

const BYTE_UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** `10M`, `500K`, `1048576`, `2MB` (binary units), from 1 KiB to 100 MiB as GoModel allows. */
/** A size like 10M, 500K or 1048576, from 1K to `max` bytes (named in the message as `maxLabel`). */
export function parseByteSizeUpTo(max: number, maxLabel: string): Parser<number> {
  return (raw, name) => {
    const match = /^(\d+)([KMG]?)B?$/i.exec(raw.trim());
    const bytes = match ? Number(match[1]) * BYTE_UNITS[match[2]!.toUpperCase()]! : NaN;
    if (!Number.isFinite(bytes) || bytes < 1024 || bytes > max) {
      throw invalid(name, raw, `expected a size like 10M, 500K or 1048576, from 1K to ${maxLabel}`);
    }
    return bytes;
  };
}

/** JSON request bodies are read into memory, hence the 100M ceiling. */
export const parseByteSize: Parser<number> = parseByteSizeUpTo(100 * 1024 ** 2, '100M');

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Whole seconds (`600`) or a duration (`10m`, `1m30s`, `500ms`) in milliseconds; undefined when it is neither. */
function durationMs(raw: string): number | undefined {
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
  let ms = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(part[1]) * DURATION_UNITS[part[2]!]!;
  return Math.round(ms);
}

/** Whole seconds (`600`) or a duration (`10m`, `1m30s`, `500ms`); returns milliseconds. */
export const parseDurationMs: Parser<number> = (raw, name) => {
  const ms = durationMs(raw);
  if (ms !== undefined && ms > 0) return ms;
  throw invalid(name, raw, 'expected a positive number of seconds (600) or a duration (10m, 30s, 500ms)');
};

/** A wait that may be zero (`0`, `0s`, `250ms`, `1s`); returns milliseconds. */
export const parseDelayMs: Parser<number> = (raw, name) => {
  const ms = durationMs(raw);
  if (ms !== undefined && Number.isSafeInteger(ms)) return ms;
  throw invalid(name, raw, 'expected a duration such as 1s, 500ms or 0, or whole seconds');
};

/** A decimal number within [min, max] (`2.0`, `0.1`). */
export function parseDecimal(min: number, max = Infinity): Parser<number> {
  return (raw, name) => {
    const text = raw.trim();
    const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value) || value < min || value > max) {
      throw invalid(name, raw, max === Infinity ? `expected a number of at least ${min}` : `expected a number from ${min} to ${max}`);
    }
    return value;
  };
}

export function parseEnum<T extends string>(values: readonly T[]): Parser<T> {
  return (raw, name) => {
    const value = raw.trim().toLowerCase() as T;
    if (!values.includes(value)) throw invalid(name, raw, `expected one of ${values.join(', ')}`);
    return value;
  };
}

const LOG_LEVELS: Record<string, 'debug' | 'info' | 'warn' | 'error'> = {
  debug: 'debug',
  dbg: 'debug',
  info: 'info',
  inf: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
};

/** GoModel's spellings: debug|info|warn|error, also dbg, inf, warning, err. */
export const parseLogLevel: Parser<'debug' | 'info' | 'warn' | 'error'> = (raw, name) => {
  const level = LOG_LEVELS[raw.trim().toLowerCase()];
  if (level === undefined) throw invalid(name, raw, 'expected one of debug, info, warn, error');
  return level;
};

/** An HTTP header name (RFC 9110 token characters). */
export const parseHeaderName: Parser<string> = (raw, name) => {
  const header = raw.trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) throw invalid(name, raw, 'expected an HTTP header name such as X-GoModel-User-Path');
  return header;
};

/** An absolute http(s) URL; a trailing '/' is dropped so paths can be appended. */
export const parseHttpUrl: Parser<string> = (raw, name) => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid(name, raw, 'expected an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(name, raw, 'expected an absolute http:// or https:// URL');
  return url.toString().replace(/\/+$/, '');
};

/** Comma-separated, trimmed, empties dropped, duplicates removed (order kept). */
export const parseList: Parser<string[]> = (raw) => [
  ...new Set(
    raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

/** A URL path prefix: leading '/', no trailing '/', no '.' or '..' segments; '/' means none (returned as ''). */
export const parseBasePath: Parser<string> = (raw, name) => {
  const segments = raw.trim().split('/').filter(Boolean);
  if (segments.some((segment) => segment === '.' || segment === '..' || !/^[A-Za-z0-9._~!$&'()*+,;=:@%-]+$/.test(segment))) {
    throw invalid(name, raw, 'expected a URL path such as /gateway');
  }
  return segments.length === 0 ? '' : `/${segments.join('/')}`;
};

/**
 * The metrics path is cleaned (`/v1/../metrics` → `/metrics`) and may not shadow the API (`/v1…`, `/p/…`): such
 * values fall back to `/metrics`, as GoModel does.
 */
export const parseMetricsPath: Parser<string> = (raw, name) => {
  const path = parseBasePath(posix.normalize(`/${raw.trim()}`), name) || '/metrics';
  return /^\/(v1|p)(\/|$)/.test(path) ? '/metrics' : path;
};
