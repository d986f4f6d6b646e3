import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CONFIG_SETTINGS, PROVIDERS_DOCUMENTED } from '../support/deployment-expectations.js';
import { parse } from 'yaml';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

describe('deployment files (rendered, since no container engine runs here)', () => {
  it('documents every configuration variable in .env.template and config.example.yaml', () => {
    const template = read('.env.template');
    const example = read('config/config.example.yaml');
    for (const setting of Object.values(CONFIG_SETTINGS)) {
      assert.match(template, new RegExp(`^${setting.env}=`, 'm'), `${setting.env} in .env.template`);
      if ('yaml' in setting && setting.yaml)
        assert.ok(example.includes(setting.yaml.split('.').at(-1)!), `${setting.yaml} in config.example.yaml`);
    }
    for (const variable of PROVIDERS_DOCUMENTED) assert.match(template, new RegExp(`^${variable}=`, 'm'), `${variable} in .env.template`);
  });

  it('has a docker-compose file that builds the gateway and scrapes its metrics', () => {
    const compose = parse(read('docker-compose.yml')) as {
      services: Record<string, { build?: string; ports?: string[]; environment?: Record<string, string> }>;
    };
    assert.equal(compose.services.modelgate?.build, '.');
    assert.deepEqual(compose.services.modelgate?.ports, ['8080:8080']);
    assert.equal(compose.services.modelgate?.environment?.METRICS_ENABLED, 'true');
    const prometheus = parse(read('config/prometheus.yml')) as {
      scrape_configs: { metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    assert.equal(prometheus.scrape_configs[0]?.metrics_path, '/metrics');
    assert.deepEqual(prometheus.scrape_configs[0]?.static_configs[0]?.targets, ['modelgate:8080']);
  });

  it('has Kubernetes probes on the health routes the gateway serves', () => {
    const [deployment] = read('deploy/kubernetes.yaml')
      .split(/^---$/m)
      .map((doc) => parse(doc) as Record<string, unknown>);
    const container = (deployment as { spec: { template: { spec: { containers: Record<string, { httpGet: { path: string } }>[] } } } }).spec
      .template.spec.containers[0]!;
    assert.equal(container.livenessProbe?.httpGet.path, '/health');
    assert.equal(container.readinessProbe?.httpGet.path, '/health/ready');
  });
});
