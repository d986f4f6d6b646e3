// The date range of a usage or audit query: whole local days of the caller's time zone, turned into UTC instants.
import { GatewayError } from '@modelgate/core';
import { addDays, formatLocalDate, localDateOf, parseLocalDate, startOfLocalDay, type LocalDate } from './zoned-time.js';

export interface DateRangeQuery {
  start_date?: string;
  end_date?: string;
  days?: number;
}

export interface DateRange {
  /** Inclusive: the first instant of the start day. */
  from: Date;
  /** Exclusive: the first instant of the day after the end day. */
  to: Date;
  startDate: string;
  endDate: string;
  timeZone: string;
}

export const DEFAULT_RANGE_DAYS = 30;

function dateParam(text: string | undefined, param: string): LocalDate | undefined {
  if (text === undefined) return undefined;
  const date = parseLocalDate(text);
  if (!date) throw GatewayError.badRequest(`${param} must be a calendar date as YYYY-MM-DD, got '${text}'`, { param });
  return date;
}

/**
 * GoModel's rules: both dates given → that range; only one → the other defaults (start = end − 29 days, end = today);
 * neither → the last `days` days (30 by default) ending today. Both ends are inclusive local days.
 */
export function resolveDateRange(query: DateRangeQuery, timeZone: string, now: Date): DateRange {
  const start = dateParam(query.start_date, 'start_date');
  const end = dateParam(query.end_date, 'end_date');
  const today = localDateOf(now, timeZone);
  let first: LocalDate;
  let last: LocalDate;
  if (start || end) {
    last = end ?? today;
    first = start ?? addDays(last, -(DEFAULT_RANGE_DAYS - 1));
  } else {
    last = today;
    first = addDays(today, -((query.days ?? DEFAULT_RANGE_DAYS) - 1));
  }
  if (formatLocalDate(first) > formatLocalDate(last)) {
    throw GatewayError.badRequest(`start_date ${formatLocalDate(first)} is after end_date ${formatLocalDate(last)}`, {
      param: 'start_date',
    });
  }
  return {
    from: startOfLocalDay(first, timeZone),
    to: startOfLocalDay(addDays(last, 1), timeZone),
    startDate: formatLocalDate(first),
    endDate: formatLocalDate(last),
    timeZone,
  };
}
