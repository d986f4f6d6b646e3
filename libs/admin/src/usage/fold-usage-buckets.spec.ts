import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UsageBucket } from '@modelgate/storage';
import { foldUsageBuckets } from './fold-usage-buckets.js';

function bucket(start: string, requests: number, totalCost: number | null, unpricedRequests = 0): UsageBucket {
  return {
    bucketStart: new Date(start),
    requests,
    inputTokens: requests * 10,
    outputTokens: requests * 2,
    cachedTokens: 0,
    reasoningTokens: 0,
    totalCost,
    unpricedRequests,
  };
}

describe('foldUsageBuckets', () => {
  it('splits Berlin days at local midnight on the day clocks spring forward', () => {
    const buckets = [
      bucket('2026-03-28T22:45:00Z', 1, 0.5), // 23:45 on the 28th (CET, +01:00)
      bucket('2026-03-28T23:00:00Z', 2, 0.25), // 00:00 on the 29th
      bucket('2026-03-29T21:45:00Z', 1, null, 1), // 23:45 on the 29th (CEST, +02:00)
      bucket('2026-03-29T22:00:00Z', 4, 1), // 00:00 on the 30th
    ];
    assert.deepEqual(foldUsageBuckets(buckets, 'day', 'Europe/Berlin'), [
      {
        label: '2026-03-28',
        requests: 1,
        inputTokens: 10,
        outputTokens: 2,
        cachedTokens: 0,
        reasoningTokens: 0,
        totalCost: 0.5,
        unpricedRequests: 0,
      },
      {
        label: '2026-03-29',
        requests: 3,
        inputTokens: 30,
        outputTokens: 6,
        cachedTokens: 0,
        reasoningTokens: 0,
        totalCost: 0.25,
        unpricedRequests: 1,
      },
      {
        label: '2026-03-30',
        requests: 4,
        inputTokens: 40,
        outputTokens: 8,
        cachedTokens: 0,
        reasoningTokens: 0,
        totalCost: 1,
        unpricedRequests: 0,
      },
    ]);
  });

  it('puts the +05:30 midnight between two quarter-hour buckets', () => {
    const days = foldUsageBuckets(
      [bucket('2026-05-01T18:15:00Z', 1, null, 1), bucket('2026-05-01T18:30:00Z', 1, null, 1)],
      'day',
      'Asia/Kolkata',
    );
    assert.deepEqual(
      days.map((day) => [day.label, day.requests, day.totalCost, day.unpricedRequests]),
      [
        ['2026-05-01', 1, null, 1],
        ['2026-05-02', 1, null, 1],
      ],
    );
  });

  it('folds into ISO weeks starting on Monday and into months', () => {
    const buckets = [bucket('2026-01-04T12:00:00Z', 1, 1), bucket('2026-01-05T00:00:00Z', 1, 1), bucket('2026-02-01T00:00:00Z', 1, 1)];
    assert.deepEqual(
      foldUsageBuckets(buckets, 'week', 'UTC').map((week) => [week.label, week.requests]),
      [
        ['2026-W01', 1],
        ['2026-W02', 1],
        ['2026-W05', 1],
      ],
    );
    assert.deepEqual(
      foldUsageBuckets(buckets, 'month', 'UTC').map((month) => [month.label, month.requests, month.totalCost]),
      [
        ['2026-01', 2, 2],
        ['2026-02', 1, 1],
      ],
    );
  });
});
