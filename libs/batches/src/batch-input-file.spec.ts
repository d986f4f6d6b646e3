import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { rewriteBatchInput, toBatchInputFile } from './batch-input-file.js';

const line = (custom_id: string, model: string) =>
  JSON.stringify({ custom_id, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [] } });

describe('rewriteBatchInput', () => {
  it('rewrites each model to the provider-local id and keeps the rest of the line', () => {
    const text = `${line('a', 'openai/gpt-4o-mini')}\n\n${line('b', 'gpt-4o-mini')}\n`;
    const seen: [string, number][] = [];
    const rewritten = rewriteBatchInput(text, (model, at) => {
      seen.push([model, at]);
      return model.replace(/^openai\//, '');
    });
    assert.equal(rewritten, `${line('a', 'gpt-4o-mini')}\n${line('b', 'gpt-4o-mini')}\n`);
    assert.deepEqual(seen, [
      ['openai/gpt-4o-mini', 1],
      ['gpt-4o-mini', 2],
    ]);
  });

  it('answers null when every model is already the local id', () => {
    assert.equal(
      rewriteBatchInput(`${line('a', 'gpt-4o-mini')}\n`, (model) => model),
      null,
    );
  });

  it('refuses a line that is not JSON, naming it', () => {
    assert.throws(
      () => rewriteBatchInput(`${line('a', 'm')}\n{oops\n`, (model) => model),
      (err: unknown) => err instanceof GatewayError && err.status === 400 && err.message === 'batch input line 2 is not JSON',
    );
  });

  it('refuses a line nested past the depth limit, naming it, before anything re-serialises it', () => {
    const deep = `{"custom_id":"b","body":{"model":"m","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    assert.throws(
      () => rewriteBatchInput(`${line('a', 'm')}\n${deep}\n`, () => 'local'),
      (err: unknown) =>
        err instanceof GatewayError && err.status === 400 && /^batch input line 2 is not JSON: .*64 levels deep/.test(err.message),
    );
  });
});

describe('toBatchInputFile', () => {
  it('writes one OpenAI batch input line per item', () => {
    const items = [{ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'm', messages: [] } }];
    assert.equal(toBatchInputFile(items), `${line('a', 'm')}\n`);
  });
});
