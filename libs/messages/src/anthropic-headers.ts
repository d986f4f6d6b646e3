import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client's `anthropic-*` headers (anthropic-version, anthropic-beta …), passed unchanged to Anthropic upstreams.
 * Other providers never see them: a beta they do not know cannot turn into a 400.
 */
export function anthropicHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('anthropic-') || value === undefined) continue;
    picked[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return picked;
}
