import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, isTimeZone, isoWeekLabel, localDateOf, parseLocalDate, startOfLocalDay } from './zoned-time.js';

describe('zoned time', () => {
  it('finds the first instant of a local day on both sides of a DST change', () => {
    // Berlin springs forward on 2026-03-29 (a 23-hour day) and falls back on 2026-10-25 (a 25-hour day).
    assert.equal(startOfLocalDay({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin').toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(startOfLocalDay({ year: 2026, month: 3, day: 30 }, 'Europe/Berlin').toISOString(), '2026-03-29T22:00:00.000Z');
    assert.equal(startOfLocalDay({ year: 2026, month: 10, day: 26 }, 'Europe/Berlin').toISOString(), '2026-10-25T23:00:00.000Z');
  });

  it('handles a half-hour zone and a zone west of UTC', () => {
    assert.equal(startOfLocalDay({ year: 2026, month: 5, day: 2 }, 'Asia/Kolkata').toISOString(), '2026-05-01T18:30:00.000Z');
    assert.equal(startOfLocalDay({ year: 2026, month: 1, day: 1 }, 'America/New_York').toISOString(), '2026-01-01T05:00:00.000Z');
    assert.deepEqual(localDateOf(new Date('2026-05-01T18:29:59Z'), 'Asia/Kolkata'), { year: 2026, month: 5, day: 1 });
    assert.deepEqual(localDateOf(new Date('2026-05-01T18:30:00Z'), 'Asia/Kolkata'), { year: 2026, month: 5, day: 2 });
  });

  it('parses only real calendar dates', () => {
    assert.deepEqual(parseLocalDate('2028-02-29'), { year: 2028, month: 2, day: 29 });
    assert.equal(parseLocalDate('2026-02-29'), undefined);
    assert.equal(parseLocalDate('2026-1-05'), undefined);
    assert.equal(parseLocalDate('yesterday'), undefined);
  });

  it('moves across month and year ends', () => {
    assert.deepEqual(addDays({ year: 2026, month: 12, day: 31 }, 1), { year: 2027, month: 1, day: 1 });
    assert.deepEqual(addDays({ year: 2026, month: 3, day: 1 }, -1), { year: 2026, month: 2, day: 28 });
  });

  it('labels ISO weeks by the year of their Thursday', () => {
    assert.equal(isoWeekLabel({ year: 2025, month: 12, day: 29 }), '2026-W01');
    assert.equal(isoWeekLabel({ year: 2026, month: 1, day: 4 }), '2026-W01');
    assert.equal(isoWeekLabel({ year: 2026, month: 1, day: 5 }), '2026-W02');
    assert.equal(isoWeekLabel({ year: 2027, month: 1, day: 1 }), '2026-W53');
  });

  it('tells known zone names from unknown ones', () => {
    assert.equal(isTimeZone('Asia/Kolkata'), true);
    assert.equal(isTimeZone('UTC'), true);
    assert.equal(isTimeZone('Mars/Olympus_Mons'), false);
  });
});
