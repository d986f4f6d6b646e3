// Helpers of the response cache suites: raw requests (bytes and headers as sent), unique requests, provider calls.
import type { MockUpstream } from '@modelgate/providers/testing';
import type { RunningGateway } from './gateway.js';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export async function rawPost(
  gateway: RunningGateway,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const res = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer unused', ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A chat request no other test sends (the cache is shared by the whole suite). */
export function uniqueChat(label: string): { model: string; messages: { role: 'user'; content: string }[] } {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `${label} ${Math.random()}` }] };
}

/** How many calls the mock received on paths ending with `suffix`. */
export function callsTo(mock: MockUpstream, suffix: string): number {
  return mock.requests.filter((request) => request.url.split('?')[0]!.endsWith(suffix)).length;
}
