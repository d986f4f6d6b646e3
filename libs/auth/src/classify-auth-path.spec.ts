import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAuthPath } from './classify-auth-path.js';

describe('classifyAuthPath', () => {
  it('puts the model API under the key rule, in any letter case', () => {
    for (const path of ['/v1', '/v1/', '/v1/chat/completions', '/V1/models', '/p/openai/chat/completions', '/p']) {
      assert.equal(classifyAuthPath(path), 'model', path);
    }
  });

  it('puts the admin API under the master key rule, but not the dashboard shell or its assets', () => {
    for (const path of ['/admin', '/admin/auth-keys', '/admin/api/v1/usage/summary', '/ADMIN/auth-keys', '/admin/dashboard-config']) {
      assert.equal(classifyAuthPath(path), 'admin', path);
    }
    for (const path of ['/admin/dashboard', '/admin/dashboard/usage', '/admin/static/app.js']) {
      assert.equal(classifyAuthPath(path), 'open', path);
    }
  });

  it('leaves health, metrics, swagger and look-alike prefixes open', () => {
    for (const path of ['/', '/health', '/health/ready', '/metrics', '/swagger/index.html', '/v1x/models', '/pricing', '/administrator']) {
      assert.equal(classifyAuthPath(path), 'open', path);
    }
  });
});
