import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cheapestLeg, firstLeg, WeightedRotation } from './choose-target.js';

function picks(rotation: WeightedRotation, weights: number[], available: boolean[], count: number): number[] {
  return Array.from({ length: count }, () => rotation.next(weights, available));
}

describe('WeightedRotation', () => {
  it('gives each leg exactly its weight over a cycle, interleaved, the same way every time', () => {
    const weights = [3, 1, 2];
    const all = [true, true, true];
    const cycle = picks(new WeightedRotation(3), weights, all, 6);
    assert.deepEqual(cycle, [0, 2, 0, 1, 2, 0]);
    assert.deepEqual(picks(new WeightedRotation(3), weights, all, 12), [...cycle, ...cycle]);
  });

  it('rotates evenly without weights', () => {
    assert.deepEqual(picks(new WeightedRotation(3), [1, 1, 1], [true, true, true], 6), [0, 1, 2, 0, 1, 2]);
  });

  it('shares among the available legs only, keeping their ratio, and answers -1 when none is', () => {
    const rotation = new WeightedRotation(3);
    const chosen = picks(rotation, [2, 5, 1], [true, false, true], 6);
    assert.deepEqual(chosen, [0, 2, 0, 0, 2, 0]);
    assert.equal(rotation.next([2, 5, 1], [false, false, false]), -1);
  });

  it('keeps fractional weights exact over a cycle', () => {
    const chosen = picks(new WeightedRotation(2), [1.5, 0.5], [true, true], 4);
    assert.deepEqual(
      [0, 1].map((leg) => chosen.filter((pick) => pick === leg).length),
      [3, 1],
    );
  });
});

describe('cheapestLeg', () => {
  it('takes the cheapest available priced leg, the first listed on a tie', () => {
    assert.equal(cheapestLeg([10, 2.5, 2.5, 1], [true, true, true, false]), 1);
  });

  it('skips unpriced legs while a priced one is available, else takes the first available', () => {
    assert.equal(cheapestLeg([undefined, 30, undefined], [true, true, true]), 1);
    assert.equal(cheapestLeg([undefined, 30, undefined], [true, false, true]), 0);
    assert.equal(cheapestLeg([1, 2], [false, false]), -1);
  });
});

describe('firstLeg', () => {
  it('takes the first available leg in the order listed', () => {
    assert.equal(firstLeg([false, true, true]), 1);
    assert.equal(firstLeg([false]), -1);
  });
});
