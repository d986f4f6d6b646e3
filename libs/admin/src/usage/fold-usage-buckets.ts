// The usage series in the caller's calendar: the store answers in 15-minute UTC buckets (fine enough for every zone
// offset in use, +05:30 and +05:45 included), and this folds them into local days, ISO weeks or months.
import type { UsageBucket, UsageSummary } from '@modelgate/storage';
import { formatLocalDate, isoWeekLabel, localDateOf } from '../time/zoned-time.js';

export type UsagePeriod = 'day' | 'week' | 'month';

/** Bucket width asked of the store: a divisor of every real zone offset. */
export const SERIES_BUCKET_SECONDS = 900;

export interface UsagePeriodTotals extends UsageSummary {
  /** `YYYY-MM-DD`, `YYYY-Www` (ISO week, Monday first) or `YYYY-MM`. */
  label: string;
}

export function emptyTotals(): UsageSummary {
  return { requests: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, reasoningTokens: 0, totalCost: null, unpricedRequests: 0 };
}

/** Adds `more` into `into`; a cost stays null only while no part of the sum had a price. */
export function addTotals(into: UsageSummary, more: UsageSummary): void {
  into.requests += more.requests;
  into.inputTokens += more.inputTokens;
  into.outputTokens += more.outputTokens;
  into.cachedTokens += more.cachedTokens;
  into.reasoningTokens += more.reasoningTokens;
  into.unpricedRequests += more.unpricedRequests;
  if (more.totalCost !== null) into.totalCost = (into.totalCost ?? 0) + more.totalCost;
}

export function periodLabel(instant: Date, period: UsagePeriod, timeZone: string): string {
  const date = localDateOf(instant, timeZone);
  switch (period) {
    case 'day':
      return formatLocalDate(date);
    case 'week':
      return isoWeekLabel(date);
    case 'month':
      return formatLocalDate(date).slice(0, 7);
  }
}

/** Oldest period first; periods without traffic are left out, as the store leaves out empty buckets. */
export function foldUsageBuckets(buckets: UsageBucket[], period: UsagePeriod, timeZone: string): UsagePeriodTotals[] {
  const periods = new Map<string, UsagePeriodTotals>();
  for (const bucket of buckets) {
    const label = periodLabel(bucket.bucketStart, period, timeZone);
    let totals = periods.get(label);
    if (!totals) {
      totals = { label, ...emptyTotals() };
      periods.set(label, totals);
    }
    addTotals(totals, bucket);
  }
  return [...periods.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
