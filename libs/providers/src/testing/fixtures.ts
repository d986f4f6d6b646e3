// Recorded provider payloads (a byte-exact copy of shared/fixtures), for translators' specs and the mock upstream.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function fixturePath(name: string): string {
  return `${FIXTURES}${name}`;
}

export function readFixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function readJsonFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFixtureText(name)) as T;
}

/** The `data:` payloads of a recorded SSE stream, in order (including `[DONE]`). */
export function readSseFixture(name: string): string[] {
  return readFixtureText(name)
    .split(/\n\n+/)
    .map((block) => block.trim())
    .filter((block) => block.startsWith('data:'))
    .map((block) => block.slice('data:'.length).trim());
}
