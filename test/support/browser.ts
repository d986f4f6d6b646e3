// Headless Chromium for tests that need a real browser (the Swagger UI, the dashboard): Debian's own build at
// /usr/bin/chromium, driven by playwright-core. `npm test` installs it when missing (scripts/ensure-test-services.mjs);
// nothing here downloads a browser. Every page is kept to loopback: any other request is aborted and reported.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run npm test (its pretest installs it) or apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface PageProblems {
  /** Requests the page made that failed or answered 4xx/5xx, as `STATUS URL`. */
  failed: string[];
  /** Requests to anything but loopback, aborted. */
  external: string[];
  /** Uncaught exceptions and console errors. */
  errors: string[];
}

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/** A new page that records what went wrong while it loads, and never leaves loopback. */
export async function openPage(browser: Browser): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  const problems: PageProblems = { failed: [], external: [], errors: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    problems.external.push(url);
    return route.abort();
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    if (isLoopback(request.url())) problems.failed.push(`${request.failure()?.errorText ?? 'failed'} ${request.url()}`);
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
  });
  return { page, problems };
}
