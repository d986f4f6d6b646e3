import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryAfterMs } from './retry-after.js';

const NOW = Date.parse('2026-12-08T01:00:00Z');

describe('retryAfterMs', () => {
  it('reads whole seconds and retry-after-ms milliseconds', () => {
    assert.deepEqual(
      [
        retryAfterMs({ header: 'retry-after', value: '3' }, NOW),
        retryAfterMs({ header: 'retry-after', value: ' 0 ' }, NOW),
        retryAfterMs({ header: 'retry-after-ms', value: '1500' }, NOW),
        retryAfterMs({ header: 'retry-after-ms', value: '20.2' }, NOW),
      ],
      [3000, 0, 1500, 21],
    );
  });

  it('reads an HTTP-date as the time left until it, 0 once it has passed', () => {
    assert.deepEqual(
      [
        retryAfterMs({ header: 'retry-after', value: 'Tue, 08 Dec 2026 01:00:05 GMT' }, NOW),
        retryAfterMs({ header: 'retry-after', value: 'Tue, 08 Dec 2026 00:59:00 GMT' }, NOW),
      ],
      [5000, 0],
    );
  });

  it('ignores values of none of these forms', () => {
    assert.deepEqual(
      ['-1', '1.5', 'soon', '', '2026-12-08T01:00:05Z'].map((value) => retryAfterMs({ header: 'retry-after', value }, NOW)),
      [undefined, undefined, undefined, undefined, undefined],
    );
    assert.equal(retryAfterMs({ header: 'retry-after-ms', value: 'x' }, NOW), undefined);
  });
});
