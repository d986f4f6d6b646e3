// The gateway the resilience suites start: `openai` retries twice (20 ms then 40 ms, no jitter) and `flaky`, an
// OpenAI-wire instance of another type (so openai/… is never routed to it), gives up at once and opens its breaker
// after two failed requests. The audit log is on and flushed only on demand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockUpstream } from '@modelgate/providers/testing';
import { startGateway, type RunningGateway } from './gateway.js';

export interface FlakyGatewayOptions {
  /** Where `flaky` sends its calls below the mock's URL: `/v1` shares openai's scripts, `/flaky/v1` has its own. */
  flakyPath: string;
  /** How long `flaky`'s breaker stays open: `300ms`, `1m`. */
  breakerTimeout: string;
  /** More settings (or overrides) for the gateway. */
  env?: Record<string, string>;
}

export function startFlakyGateway(upstream: MockUpstream, options: FlakyGatewayOptions): Promise<RunningGateway> {
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-flaky-'));
  writeFileSync(
    join(cwd, 'config.yaml'),
    [
      'providers:',
      '  flaky:',
      '    type: groq',
      '    api_key: sk-flaky',
      `    base_url: ${upstream.url}${options.flakyPath}`,
      '    resilience:',
      '      retry: { max_retries: 0 }',
      `      circuit_breaker: { failure_threshold: 2, success_threshold: 1, timeout: ${options.breakerTimeout} }`,
      '',
    ].join('\n'),
  );
  return startGateway(
    {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      RETRY_MAX_RETRIES: '2',
      RETRY_INITIAL_BACKOFF: '20ms',
      RETRY_MAX_BACKOFF: '200ms',
      RETRY_JITTER_FACTOR: '0',
      LOGGING_ENABLED: 'true',
      LOGGING_FLUSH_INTERVAL: '10m',
      ...options.env,
    },
    { cwd },
  );
}
