import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from './config-error.js';
import {
  parseBasePath,
  parseBoolean,
  parseByteSize,
  parseDecimal,
  parseDelayMs,
  parseDurationMs,
  parseEnum,
  parseHttpUrl,
  parseList,
  parseMetricsPath,
  parsePort,
  parsePositiveInteger,
  parseString,
  type Parser,
} from './parse-values.js';

/** Runs a parser expected to fail and returns the ConfigError it threw. */
function failure<T>(parser: Parser<T>, raw: string, name: string): ConfigError {
  try {
    parser(raw, name);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    assert.equal(err.name, 'ConfigError');
    return err;
  }
  assert.fail(`${name}=${JSON.stringify(raw)} was accepted`);
}

describe('parseString', () => {
  it('returns the text as given', () => {
    assert.equal(parseString(' as is ', 'X'), ' as is ');
  });
});

describe('parsePort', () => {
  it('accepts ports from 1 to 65535', () => {
    assert.equal(parsePort('8080', 'PORT'), 8080);
    assert.equal(parsePort('1', 'PORT'), 1);
    assert.equal(parsePort('65535', 'PORT'), 65535);
  });

  it('rejects text, zero, out-of-range, signed and fractional ports with a message naming the variable and the rule', () => {
    assert.equal(failure(parsePort, 'abc', 'PORT').message, 'PORT="abc" is invalid: expected a port number from 1 to 65535');
    for (const raw of ['0', '65536', '-1', '+80', '80.5', '', '8o8o', '1e3']) {
      assert.match(failure(parsePort, raw, 'PORT').message, /^PORT=".*" is invalid: expected a port number from 1 to 65535$/);
    }
  });
});

describe('parseBoolean', () => {
  it('reads true, 1, yes and on in any case as true', () => {
    for (const raw of ['true', 'TRUE', 'True', '1', 'yes', 'on', ' On ']) assert.equal(parseBoolean(raw, 'METRICS_ENABLED'), true, raw);
  });

  it('reads false, 0, no and off in any case as false', () => {
    for (const raw of ['false', 'FALSE', '0', 'no', 'off', ' Off ']) assert.equal(parseBoolean(raw, 'METRICS_ENABLED'), false, raw);
  });

  it('rejects other words naming the variable', () => {
    assert.equal(failure(parseBoolean, 'maybe', 'METRICS_ENABLED').message, 'METRICS_ENABLED="maybe" is invalid: expected true or false');
  });
});

describe('parsePositiveInteger', () => {
  it('accepts whole numbers at or above the minimum', () => {
    assert.equal(parsePositiveInteger()('1', 'N'), 1);
    assert.equal(parsePositiveInteger(5)(' 42 ', 'N'), 42);
  });

  it('rejects numbers below the minimum and non-integers, stating the minimum', () => {
    assert.equal(failure(parsePositiveInteger(5), '4', 'N').message, 'N="4" is invalid: expected a whole number of at least 5');
    assert.equal(failure(parsePositiveInteger(), '0', 'N').message, 'N="0" is invalid: expected a whole number of at least 1');
    failure(parsePositiveInteger(), '1.5', 'N');
    failure(parsePositiveInteger(), 'ten', 'N');
  });
});

describe('parseByteSize', () => {
  const MiB = 1024 * 1024;

  it('reads K, M and G as binary units, with or without a trailing B, in any case', () => {
    assert.equal(parseByteSize('10M', 'BODY_SIZE_LIMIT'), 10 * MiB);
    assert.equal(parseByteSize('500K', 'BODY_SIZE_LIMIT'), 500 * 1024);
    assert.equal(parseByteSize('2MB', 'BODY_SIZE_LIMIT'), 2 * MiB);
    assert.equal(parseByteSize('2mb', 'BODY_SIZE_LIMIT'), 2 * MiB);
    assert.equal(parseByteSize('64kb', 'BODY_SIZE_LIMIT'), 64 * 1024);
    assert.equal(parseByteSize(' 10M ', 'BODY_SIZE_LIMIT'), 10 * MiB);
  });

  it('reads a plain number as bytes, and a trailing B alone as bytes too', () => {
    assert.equal(parseByteSize('1048576', 'BODY_SIZE_LIMIT'), MiB);
    assert.equal(parseByteSize('2048B', 'BODY_SIZE_LIMIT'), 2048);
  });

  it('accepts exactly 1K and exactly 100M, the bounds GoModel allows', () => {
    assert.equal(parseByteSize('1K', 'BODY_SIZE_LIMIT'), 1024);
    assert.equal(parseByteSize('1024', 'BODY_SIZE_LIMIT'), 1024);
    assert.equal(parseByteSize('100M', 'BODY_SIZE_LIMIT'), 100 * MiB);
  });

  it('rejects sizes below 1K or above 100M', () => {
    for (const raw of ['1023', '0', '101M', '104857601', '1G']) {
      assert.equal(
        failure(parseByteSize, raw, 'BODY_SIZE_LIMIT').message,
        `BODY_SIZE_LIMIT="${raw}" is invalid: expected a size like 10M, 500K or 1048576, from 1K to 100M`,
      );
    }
  });

  it('rejects text that is not a size, with an error message naming the variable', () => {
    assert.equal(
      failure(parseByteSize, 'huge', 'BODY_SIZE_LIMIT').message,
      'BODY_SIZE_LIMIT="huge" is invalid: expected a size like 10M, 500K or 1048576, from 1K to 100M',
    );
    for (const raw of ['10 M', '10T', '1.5M', '-10M', 'M', '']) failure(parseByteSize, raw, 'BODY_SIZE_LIMIT');
  });
});

describe('parseDurationMs', () => {
  it('reads a bare number as whole seconds', () => {
    assert.equal(parseDurationMs('600', 'HTTP_TIMEOUT'), 600_000);
    assert.equal(parseDurationMs(' 30 ', 'HTTP_TIMEOUT'), 30_000);
  });

  it('reads Go-style durations in milliseconds, seconds, minutes and hours', () => {
    assert.equal(parseDurationMs('10m', 'HTTP_TIMEOUT'), 600_000);
    assert.equal(parseDurationMs('1m30s', 'HTTP_TIMEOUT'), 90_000);
    assert.equal(parseDurationMs('500ms', 'HTTP_TIMEOUT'), 500);
    assert.equal(parseDurationMs('2h', 'HTTP_TIMEOUT'), 7_200_000);
    assert.equal(parseDurationMs('1h2m3s4ms', 'HTTP_TIMEOUT'), 3_723_004);
    assert.equal(parseDurationMs('1.5s', 'HTTP_TIMEOUT'), 1500);
  });

  it('rejects zero, negative, unit-less fractions and unknown units naming the variable', () => {
    assert.equal(
      failure(parseDurationMs, 'bad', 'HTTP_TIMEOUT').message,
      'HTTP_TIMEOUT="bad" is invalid: expected a positive number of seconds (600) or a duration (10m, 30s, 500ms)',
    );
    for (const raw of ['0', '0s', '-5', '-5s', '1.5', '10d', '10 m', 'm', '']) failure(parseDurationMs, raw, 'HTTP_TIMEOUT');
  });
});

describe('parseDelayMs', () => {
  it('reads zero, whole seconds and Go-style durations in milliseconds', () => {
    assert.deepEqual(
      ['0', '0s', '250ms', '1s', '30', '1m30s'].map((raw) => parseDelayMs(raw, 'RETRY_INITIAL_BACKOFF')),
      [0, 0, 250, 1000, 30_000, 90_000],
    );
  });

  it('rejects negative and unit-less fractional values naming the variable', () => {
    assert.equal(
      failure(parseDelayMs, '-1s', 'RETRY_MAX_BACKOFF').message,
      'RETRY_MAX_BACKOFF="-1s" is invalid: expected a duration such as 1s, 500ms or 0, or whole seconds',
    );
    for (const raw of ['1.5', 'soon', '']) failure(parseDelayMs, raw, 'RETRY_MAX_BACKOFF');
  });
});

describe('parseDecimal', () => {
  it('reads whole and decimal numbers within the bounds', () => {
    assert.deepEqual([parseDecimal(0, 1)('0.1', 'J'), parseDecimal(0, 1)('1', 'J'), parseDecimal(0)(' 2.0 ', 'F')], [0.1, 1, 2]);
  });

  it('rejects values out of bounds or not numbers, naming the rule', () => {
    assert.equal(
      failure(parseDecimal(0, 1), '1.5', 'RETRY_JITTER_FACTOR').message,
      'RETRY_JITTER_FACTOR="1.5" is invalid: expected a number from 0 to 1',
    );
    assert.equal(
      failure(parseDecimal(0), '-2', 'RETRY_BACKOFF_FACTOR').message,
      'RETRY_BACKOFF_FACTOR="-2" is invalid: expected a number of at least 0',
    );
    for (const raw of ['x', '1e3', '', '.5']) failure(parseDecimal(0), raw, 'F');
  });
});

describe('parseEnum', () => {
  const parseMode = parseEnum(['fallback', 'allowlist'] as const);

  it('accepts a listed value in any case and returns it lower-cased', () => {
    assert.equal(parseMode('allowlist', 'MODE'), 'allowlist');
    assert.equal(parseMode(' FallBack ', 'MODE'), 'fallback');
  });

  it('rejects other values listing the allowed ones', () => {
    assert.equal(failure(parseMode, 'x', 'MODE').message, 'MODE="x" is invalid: expected one of fallback, allowlist');
  });
});

describe('parseBasePath', () => {
  it("treats '' and '/' as mounted at the root", () => {
    assert.equal(parseBasePath('', 'BASE_PATH'), '');
    assert.equal(parseBasePath('/', 'BASE_PATH'), '');
    assert.equal(parseBasePath(' / ', 'BASE_PATH'), '');
  });

  it("adds the leading '/', drops trailing and repeated '/'", () => {
    assert.equal(parseBasePath('gateway', 'BASE_PATH'), '/gateway');
    assert.equal(parseBasePath('/gateway/', 'BASE_PATH'), '/gateway');
    assert.equal(parseBasePath('//api//v2/', 'BASE_PATH'), '/api/v2');
  });

  it("rejects '.' and '..' segments and characters that are not allowed in a path", () => {
    assert.equal(
      failure(parseBasePath, '/a/../b', 'BASE_PATH').message,
      'BASE_PATH="/a/../b" is invalid: expected a URL path such as /gateway',
    );
    for (const raw of ['/./a', '/a b', '/a?b', '/a#b']) failure(parseBasePath, raw, 'BASE_PATH');
  });
});

describe('parseMetricsPath', () => {
  it('normalises like a base path', () => {
    assert.equal(parseMetricsPath('/metrics', 'METRICS_ENDPOINT'), '/metrics');
    assert.equal(parseMetricsPath('prometheus/', 'METRICS_ENDPOINT'), '/prometheus');
    assert.equal(parseMetricsPath('/internal/metrics', 'METRICS_ENDPOINT'), '/internal/metrics');
  });

  it("falls back to /metrics for '' and '/'", () => {
    assert.equal(parseMetricsPath('', 'METRICS_ENDPOINT'), '/metrics');
    assert.equal(parseMetricsPath('/', 'METRICS_ENDPOINT'), '/metrics');
  });

  it('falls back to /metrics for a path that would shadow /v1 or /p', () => {
    for (const raw of ['/v1', '/v1/', '/v1/metrics', 'v1', '/p', '/p/metrics']) {
      assert.equal(parseMetricsPath(raw, 'METRICS_ENDPOINT'), '/metrics', raw);
    }
  });

  it('keeps paths that only start with the same letters', () => {
    assert.equal(parseMetricsPath('/v10', 'METRICS_ENDPOINT'), '/v10');
    assert.equal(parseMetricsPath('/prom', 'METRICS_ENDPOINT'), '/prom');
  });

  it("resolves '.' and '..' segments before checking, so /v1/../metrics is /metrics and /x/../v1 falls back", () => {
    assert.equal(parseMetricsPath('/v1/../metrics', 'METRICS_ENDPOINT'), '/metrics');
    assert.equal(parseMetricsPath('/ops/./stats/', 'METRICS_ENDPOINT'), '/ops/stats');
    assert.equal(parseMetricsPath('/../stats', 'METRICS_ENDPOINT'), '/stats');
    assert.equal(parseMetricsPath('/x/../v1', 'METRICS_ENDPOINT'), '/metrics');
    assert.equal(parseMetricsPath('/x/../p/y', 'METRICS_ENDPOINT'), '/metrics');
  });

  it('rejects characters that are not allowed in a path naming the variable', () => {
    assert.equal(
      failure(parseMetricsPath, '/a b', 'METRICS_ENDPOINT').message,
      'METRICS_ENDPOINT="/a b" is invalid: expected a URL path such as /gateway',
    );
  });
});

describe('parseList', () => {
  it('splits on commas, trims, drops empty items and duplicates, keeping first-seen order', () => {
    assert.deepEqual(parseList(' gpt-4o , gpt-4o-mini,,gpt-4o , o3 ,', 'OPENAI_MODELS'), ['gpt-4o', 'gpt-4o-mini', 'o3']);
  });

  it('returns an empty list for blank text', () => {
    assert.deepEqual(parseList('', 'OPENAI_MODELS'), []);
    assert.deepEqual(parseList(' , ,', 'OPENAI_MODELS'), []);
  });
});

describe('parseHttpUrl', () => {
  it('accepts http and https URLs and drops the trailing slash', () => {
    assert.equal(parseHttpUrl('https://api.openai.com/v1/', 'OPENAI_BASE_URL'), 'https://api.openai.com/v1');
    assert.equal(parseHttpUrl('https://api.openai.com/v1', 'OPENAI_BASE_URL'), 'https://api.openai.com/v1');
    assert.equal(parseHttpUrl(' http://localhost:11434 ', 'OLLAMA_BASE_URL'), 'http://localhost:11434');
    assert.equal(parseHttpUrl('http://127.0.0.1:8000/v1//', 'VLLM_BASE_URL'), 'http://127.0.0.1:8000/v1');
  });

  it('rejects text that is not a URL naming the variable', () => {
    assert.equal(
      failure(parseHttpUrl, 'not-a-url', 'OPENAI_BASE_URL').message,
      'OPENAI_BASE_URL="not-a-url" is invalid: expected an absolute http:// or https:// URL',
    );
    failure(parseHttpUrl, '/v1', 'OPENAI_BASE_URL');
    failure(parseHttpUrl, '', 'OPENAI_BASE_URL');
  });

  it('rejects URLs of other schemes', () => {
    assert.equal(
      failure(parseHttpUrl, 'ftp://example.com', 'OPENAI_BASE_URL').message,
      'OPENAI_BASE_URL="ftp://example.com" is invalid: expected an absolute http:// or https:// URL',
    );
    failure(parseHttpUrl, 'file:///etc/passwd', 'OPENAI_BASE_URL');
  });
});
