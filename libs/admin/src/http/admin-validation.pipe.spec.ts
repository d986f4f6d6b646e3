import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { AuditLogQuery } from '../audit/audit.query.js';
import { UsageLogQuery, UsageSeriesQuery } from '../usage/usage.query.js';
import { AdminValidationPipe } from './admin-validation.pipe.js';

const pipe = new AdminValidationPipe();

function query(metatype: new () => object, value: Record<string, string>): Promise<unknown> {
  return pipe.transform(value, { type: 'query', metatype }) as Promise<unknown>;
}

async function rejection(promise: Promise<unknown>): Promise<{ status: number; param: string | null; message: string }> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof GatewayError, `a GatewayError, got ${String(err)}`);
    return { status: err.status, param: err.param, message: err.message };
  }
  assert.fail('the pipe accepted the query');
}

describe('AdminValidationPipe', () => {
  it('converts query text to the declared types', async () => {
    assert.deepEqual(
      { ...((await query(UsageLogQuery, { limit: '10', offset: '20', status: '200', model: 'gpt-4o' })) as object) },
      { limit: 10, offset: 20, status: 200, model: 'gpt-4o' },
    );
    assert.deepEqual({ ...((await query(AuditLogQuery, { stream: 'true', method: 'post' })) as object) }, { stream: true, method: 'POST' });
    assert.deepEqual({ ...((await query(UsageSeriesQuery, { interval: 'weekly' })) as object) }, { interval: 'week' });
  });

  it('answers 400 naming the parameter that is wrong', async () => {
    assert.deepEqual(await rejection(query(UsageLogQuery, { limit: '500' })), {
      status: 400,
      param: 'limit',
      message: 'limit must be between 1 and 200',
    });
    assert.deepEqual(await rejection(query(AuditLogQuery, { stream: 'maybe' })), {
      status: 400,
      param: 'stream',
      message: 'stream must be true or false',
    });
    assert.deepEqual(await rejection(query(UsageSeriesQuery, { period: 'fortnight' })), {
      status: 400,
      param: 'period',
      message: 'period must be one of day, week, month',
    });
    assert.deepEqual(await rejection(query(UsageLogQuery, { start_date: '01/02/2026' })), {
      status: 400,
      param: 'start_date',
      message: 'start_date must be a date as YYYY-MM-DD',
    });
  });

  it('refuses a parameter it does not know', async () => {
    assert.deepEqual(await rejection(query(UsageLogQuery, { colour: 'blue' })), {
      status: 400,
      param: 'colour',
      message: "unknown parameter 'colour'",
    });
  });
});
