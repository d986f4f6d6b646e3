// A GoModel user's .env and config.yaml may carry settings ModelGate does not implement: each is named once at start
// and listed in /admin/runtime/config, never silently dropped.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spawnGateway } from '../support/gateway-process.js';
import { startGateway, type RunningGateway } from '../support/gateway.js';

const CONFIG_YAML = `
server:
  swagger_enabled: false
  pprof_enabled: true
guardrails:
  enabled: true
  enable_for_batch_processing: true
  rules:
    - name: polite
      type: system_prompt
      system_prompt: { mode: inject, content: "Be polite." }
workflows:
  refresh_interval: 1m
cache:
  model:
    refresh_interval: 600
  response:
    semantic:
      threshold: 0.9
`;

describe('settings ModelGate does not implement', () => {
  let gateway: RunningGateway;

  before(async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'modelgate-ignored-'));
    mkdirSync(join(cwd, 'config'));
    writeFileSync(join(cwd, 'config', 'config.yaml'), CONFIG_YAML);
    writeFileSync(join(cwd, '.env'), 'REDIS_URL=redis://localhost:6379\nFAILOVER_MODE=auto\n');
    gateway = await startGateway(
      {
        ENABLE_GUARDRAILS_FOR_BATCH_PROCESSING: 'true',
        GUARDRAILS_ENABLED: 'true',
        CIRCUIT_BREAKER_FAILURE_THRESHOLD: '3',
        SEMANTIC_CACHE_ENABLED: 'true',
        SWAGGER_ENABLED: 'false',
      },
      { cwd, waitForModels: false },
    );
  });

  after(async () => {
    await gateway.close();
  });

  it('lists each in /admin/runtime/config as ignored_settings, by name only, and keeps what it implements out', async () => {
    const res = await fetch(`${gateway.url}/admin/runtime/config`);
    assert.equal(res.status, 200);
    const config = (await res.json()) as { ignored_settings: unknown; server: { swagger_enabled: boolean } };
    assert.deepEqual(config.ignored_settings, [
      { name: 'ENABLE_GUARDRAILS_FOR_BATCH_PROCESSING', source: 'env', gomodel: true },
      { name: 'FAILOVER_MODE', source: 'env', gomodel: true },
      { name: 'SEMANTIC_CACHE_ENABLED', source: 'env', gomodel: true },
      { name: 'server.pprof_enabled', source: 'config.yaml', gomodel: true },
      { name: 'guardrails.enable_for_batch_processing', source: 'config.yaml', gomodel: true },
      { name: 'workflows.refresh_interval', source: 'config.yaml', gomodel: true },
      { name: 'cache.response.semantic', source: 'config.yaml', gomodel: true },
    ]);
    // Implemented settings never appear: SWAGGER_ENABLED, GUARDRAILS_ENABLED, CIRCUIT_BREAKER_FAILURE_THRESHOLD,
    // cache.model.refresh_interval, guardrails.enabled, guardrails.rules and REDIS_URL (the response cache's, read
    // even while the cache is off).
    assert.equal(config.server.swagger_enabled, false);
    assert.ok(
      gateway.config.warnings.includes(
        'ENABLE_GUARDRAILS_FOR_BATCH_PROCESSING is set but has no effect: ModelGate does not implement this GoModel setting (yet)',
      ),
    );
    assert.ok(!gateway.config.warnings.some((warning) => warning.includes('GUARDRAILS_ENABLED is set')));
    assert.ok(
      gateway.config.warnings.includes(
        'config.yaml key guardrails.enable_for_batch_processing is set but has no effect: ModelGate does not implement this GoModel setting (yet)',
      ),
    );
  });
});

describe('the start-up log of a gateway with settings it does not implement', () => {
  it('names each one once, saying it has no effect', async () => {
    const gateway = await spawnGateway({ ENABLE_GUARDRAILS_FOR_BATCH_PROCESSING: 'true', DASHBOARD_LIVE_LOGS_ENABLED: 'true' });
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    const output = gateway.output();
    for (const name of ['ENABLE_GUARDRAILS_FOR_BATCH_PROCESSING', 'DASHBOARD_LIVE_LOGS_ENABLED']) {
      const line = `${name} is set but has no effect: ModelGate does not implement this GoModel setting (yet)`;
      assert.equal(output.split(line).length - 1, 1, `${name} named once in:\n${output}`);
    }
  });
});
