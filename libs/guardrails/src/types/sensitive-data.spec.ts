import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestContext } from '@modelgate/core';
import type { GuardedMessage } from '../guardrail.js';
import { PII_DETECTION_TYPE, SECRET_DETECTION_TYPE } from './sensitive-data.js';

const KEY = 'sk-proj-Ab3dEfGhIjKlMnOpQrStUvWxYz0123456789';
const messages: GuardedMessage[] = [
  { role: 'system', content: 'Support: help@example.com', source: 0 },
  { role: 'user', content: `my key is ${KEY}, mail me at jo@example.com`, source: 1 },
];

describe('secret_detection and pii_detection', () => {
  it('redact replaces each finding with its typed placeholder, notes findings and what the audit log must not keep', async () => {
    const ctx = new RequestContext('r');
    const guardrail = SECRET_DETECTION_TYPE.build('no-keys', { action: 'redact' });
    assert.deepEqual(await guardrail.process(messages, ctx), [
      messages[0],
      { role: 'user', content: 'my key is [REDACTED:openai_key], mail me at jo@example.com', source: 1 },
    ]);
    assert.deepEqual(ctx.guardrailFindings, [{ rule: 'no-keys', kind: 'openai_key', action: 'redact', count: 1 }]);
    assert.deepEqual([...ctx.redactions!], [[KEY, '[REDACTED:openai_key]']]);
  });

  it('block refuses with a 400 naming the rule and what it found, never the secret, and keeps it from the audit log', () => {
    const ctx = new RequestContext('r');
    const guardrail = SECRET_DETECTION_TYPE.build('no-keys', { action: 'block' });
    assert.throws(
      () => guardrail.process(messages, ctx),
      (err: { status: number; code: string; message: string }) =>
        err.status === 400 &&
        err.code === 'guardrail_blocked' &&
        err.message === "guardrail 'no-keys' blocked the request: it contains an OpenAI API key; remove it and try again",
    );
    assert.ok(ctx.redactions!.has(KEY));
  });

  it('log leaves the messages as they are and only notes the findings', async () => {
    const ctx = new RequestContext('r');
    const guardrail = PII_DETECTION_TYPE.build('pii-log', { action: 'log' });
    assert.equal(await guardrail.process(messages, ctx), messages);
    assert.deepEqual(ctx.guardrailFindings, [{ rule: 'pii-log', kind: 'email', action: 'log', count: 2 }]);
    assert.equal(ctx.redactions, undefined);
  });

  it('scans only the roles and detectors it names', async () => {
    const ctx = new RequestContext('r');
    const guardrail = PII_DETECTION_TYPE.build('pii', { action: 'redact', detectors: ['email'], roles: ['user'] });
    assert.deepEqual(await guardrail.process(messages, ctx), [
      messages[0],
      { role: 'user', content: `my key is ${KEY}, mail me at [REDACTED:email]`, source: 1 },
    ]);
  });

  it('returns the same array when nothing is found', async () => {
    const clean: GuardedMessage[] = [{ role: 'user', content: 'Hi', source: 0 }];
    assert.equal(await SECRET_DETECTION_TYPE.build('k', { action: 'block' }).process(clean, new RequestContext('r')), clean);
  });

  it('refuses a config without an action, with an unknown detector or role, or an unknown field', () => {
    assert.throws(() => SECRET_DETECTION_TYPE.build('k', {}), /action is required: one of block, redact, log/);
    assert.throws(
      () => SECRET_DETECTION_TYPE.build('k', { action: 'block', detectors: ['email'] }),
      /detectors must be a list of: anthropic_key/,
    );
    assert.throws(() => PII_DETECTION_TYPE.build('k', { action: 'block', roles: ['robot'] }), /roles must be a list of/);
    assert.throws(() => PII_DETECTION_TYPE.build('k', { action: 'block', mode: 'x' }), /mode is not a field of this type/);
  });
});
