import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstAccepting, leastLatency, orderByCost, rankInstances, type InstanceSignals } from './choose-instance.js';

const NAMES = ['a', 'b', 'c'];

function signals(open: string[] = [], averages: Record<string, number> = {}): InstanceSignals {
  return {
    accepts: (instance) => !open.includes(instance),
    averageTimeToFirstByteMs: (instance) => averages[instance],
    turn: () => 0,
  };
}

describe('firstAccepting', () => {
  it('takes the instance at the start when it accepts', () => {
    assert.deepEqual(
      [0, 1, 2].map((start) => firstAccepting(NAMES, start, signals())),
      [0, 1, 2],
    );
  });

  it('passes over instances whose breaker is open, wrapping around', () => {
    assert.equal(firstAccepting(NAMES, 0, signals(['a'])), 1);
    assert.equal(firstAccepting(NAMES, 1, signals(['b', 'c'])), 0);
  });

  it('keeps the start when every breaker is open (the breaker answers its 503)', () => {
    assert.equal(firstAccepting(NAMES, 2, signals(['a', 'b', 'c'])), 2);
  });
});

describe('leastLatency', () => {
  it('tries an instance without an average first, so it gets one', () => {
    assert.equal(leastLatency(NAMES, signals([], { a: 50, c: 10 })), 1);
  });

  it('takes the lowest average, the earlier on a tie', () => {
    assert.equal(leastLatency(NAMES, signals([], { a: 50, b: 20, c: 30 })), 1);
    assert.equal(leastLatency(NAMES, signals([], { a: 20, b: 20, c: 30 })), 0);
  });

  it('ranks an instance tried without ever answering (Infinity) last, but above nothing', () => {
    assert.equal(leastLatency(NAMES, signals([], { a: Infinity, b: 900, c: Infinity })), 1);
    assert.equal(leastLatency(NAMES, signals([], { a: Infinity, b: Infinity, c: Infinity })), 0);
  });

  it('passes over open breakers, an unmeasured instance among them', () => {
    assert.equal(leastLatency(NAMES, signals(['b'], { a: 50, c: 10 })), 2);
    assert.equal(leastLatency(NAMES, signals(['a', 'c'], { a: 5, b: 500, c: 1 })), 1);
  });

  it('chooses among all instances when every breaker is open', () => {
    assert.equal(leastLatency(NAMES, signals(['a', 'b', 'c'], { a: 50, b: 20, c: 30 })), 1);
  });
});

describe('rankInstances', () => {
  it('first and lowest_cost: the standing order, open breakers last', () => {
    assert.deepEqual(rankInstances(NAMES, 'first', 7, signals()), [0, 1, 2]);
    assert.deepEqual(rankInstances(NAMES, 'lowest_cost', 7, signals(['a'])), [1, 2, 0]);
  });

  it('round_robin: from the next turn on, open breakers last', () => {
    assert.deepEqual(rankInstances(NAMES, 'round_robin', 1, signals()), [1, 2, 0]);
    assert.deepEqual(rankInstances(NAMES, 'round_robin', 4, signals(['c'])), [1, 0, 2]);
  });

  it('least_latency: unmeasured first, then by average, never-answered and open breakers last', () => {
    assert.deepEqual(rankInstances(['a', 'b', 'c', 'd'], 'least_latency', 0, signals([], { a: 40, b: Infinity, d: 10 })), [2, 3, 0, 1]);
    assert.deepEqual(rankInstances(NAMES, 'least_latency', 0, signals(['c'], { a: 40, b: 30, c: 1 })), [1, 0, 2]);
  });
});

describe('orderByCost', () => {
  it('orders by price ascending, unpriced last, ties keeping the name order', () => {
    const prices: Record<string, number | undefined> = { azure: 12.5, groq: 0.8, openai: 12.5, openrouter: undefined, xai: 3 };
    const ordered = orderByCost(['azure', 'groq', 'openai', 'openrouter', 'xai'], (name) => prices[name]);
    assert.deepEqual(ordered, ['groq', 'xai', 'azure', 'openai', 'openrouter']);
  });

  it('treats a free model (price 0) as the cheapest, not as unpriced', () => {
    assert.deepEqual(
      orderByCost(['a', 'b'], (name) => (name === 'b' ? 0 : 1)),
      ['b', 'a'],
    );
  });
});
