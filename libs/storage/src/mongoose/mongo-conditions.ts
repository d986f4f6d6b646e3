// Query conditions the MongoDB stores share, matching the SQL stores' semantics.
import { normalizeUserPathPrefix } from '../stores/usage.store.js';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `from` inclusive, `to` exclusive; undefined when neither bound is given. */
export function timeRange(range: { from?: Date; to?: Date }): { $gte?: Date; $lt?: Date } | undefined {
  if (!range.from && !range.to) return undefined;
  return { ...(range.from && { $gte: range.from }), ...(range.to && { $lt: range.to }) };
}

/** The path itself and its descendants; undefined when the prefix selects every document. */
export function userPathUnder(prefix: string | undefined): { $regex: string } | undefined {
  const path = normalizeUserPathPrefix(prefix);
  return path === undefined ? undefined : { $regex: `^${escapeRegExp(path)}(/|$)` };
}

/** Documents where any of the fields contains `text`, ignoring case. */
export function anyContains(fields: readonly string[], text: string): Record<string, { $regex: string; $options: string }>[] {
  const pattern = { $regex: escapeRegExp(text), $options: 'i' };
  return fields.map((field) => ({ [field]: pattern }));
}
