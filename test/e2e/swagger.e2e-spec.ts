// The Swagger UI as a user sees it: loaded in headless Chromium at the seed's and README's address
// (/swagger/index.html), at /swagger, and under BASE_PATH, with every operation drawn.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../support/browser.js';
import { startGateway, type RunningGateway } from '../support/gateway.js';

/** Loads the page, waits for the chat completions operation to be drawn, and returns what the page drew and broke. */
async function drawnOperations(browser: Browser, url: string): Promise<{ paths: string[]; problems: object }> {
  const { page, problems } = await openPage(browser);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page
      .locator('.opblock.opblock-post .opblock-summary-path[data-path="/v1/chat/completions"]')
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    const paths = await page
      .locator('.opblock .opblock-summary-path')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-path') ?? ''));
    return { paths, problems };
  } finally {
    await page.close();
  }
}

for (const basePath of ['', '/g']) {
  describe(`Swagger UI in a real browser${basePath ? ` under BASE_PATH=${basePath}` : ''}`, () => {
    let browser: Browser;
    let gateway: RunningGateway;

    before(async () => {
      browser = await launchChromium();
      gateway = await startGateway({ SWAGGER_ENABLED: 'true', ...(basePath ? { BASE_PATH: basePath } : {}) }, { waitForModels: false });
    });

    after(async () => {
      await gateway.close();
      await browser.close();
    });

    for (const page of ['/swagger/index.html', '/swagger', '/swagger/']) {
      it(`draws the operations at ${basePath}${page}, every asset loading from the gateway`, async () => {
        const { paths, problems } = await drawnOperations(browser, `${gateway.url}${page}`);
        assert.deepEqual(problems, { failed: [], external: [], errors: [] });
        for (const path of ['/v1/chat/completions', '/v1/embeddings', '/v1/messages', '/v1/models', '/health']) {
          assert.ok(paths.includes(path), `${path} drawn at ${page} (drawn: ${paths.length})`);
        }
      });
    }
  });
}
