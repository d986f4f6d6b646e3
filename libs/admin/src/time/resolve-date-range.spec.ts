import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GatewayError } from '@modelgate/core';
import { resolveDateRange } from './resolve-date-range.js';

const NOW = new Date('2026-03-29T21:30:00Z');

describe('resolveDateRange', () => {
  it('takes the last 30 local days ending today by default', () => {
    assert.deepEqual(resolveDateRange({}, 'UTC', NOW), {
      from: new Date('2026-02-28T00:00:00Z'),
      to: new Date('2026-03-30T00:00:00Z'),
      startDate: '2026-02-28',
      endDate: '2026-03-29',
      timeZone: 'UTC',
    });
  });

  it('reads today in the caller zone, where it may already be tomorrow', () => {
    const range = resolveDateRange({ days: 1 }, 'Asia/Kolkata', NOW);
    assert.deepEqual(
      [range.startDate, range.endDate, range.from.toISOString(), range.to.toISOString()],
      ['2026-03-30', '2026-03-30', '2026-03-29T18:30:00.000Z', '2026-03-30T18:30:00.000Z'],
    );
  });

  it('covers whole local days across a DST change', () => {
    const range = resolveDateRange({ start_date: '2026-03-29', end_date: '2026-03-29' }, 'Europe/Berlin', NOW);
    assert.deepEqual([range.from.toISOString(), range.to.toISOString()], ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  });

  it('defaults the missing end of a half-given range', () => {
    assert.deepEqual(
      [
        resolveDateRange({ end_date: '2026-01-30' }, 'UTC', NOW).startDate,
        resolveDateRange({ start_date: '2026-03-01' }, 'UTC', NOW).endDate,
      ],
      ['2026-01-01', '2026-03-29'],
    );
  });

  it('rejects an impossible date and a reversed range naming the parameter', () => {
    assert.throws(
      () => resolveDateRange({ end_date: '2026-02-30' }, 'UTC', NOW),
      (err: unknown) => err instanceof GatewayError && err.status === 400 && err.param === 'end_date',
    );
    assert.throws(
      () => resolveDateRange({ start_date: '2026-03-10', end_date: '2026-03-01' }, 'UTC', NOW),
      (err: unknown) => err instanceof GatewayError && err.status === 400 && err.param === 'start_date',
    );
  });
});
