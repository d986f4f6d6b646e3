// Starts the real gateway app in this process on a loopback port, configured from an env map as production is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, type AppOptions } from '@modelgate/gateway';
import { loadGatewayConfig, type GatewayConfig } from '@modelgate/config';
import { ModelCatalog, PROVIDER_DISCOVERY } from '@modelgate/providers';
import type { NestExpressApplication } from '@nestjs/platform-express';
import OpenAI from 'openai';

export interface RunningGateway {
  /** Origin plus BASE_PATH, without a trailing slash. */
  url: string;
  app: NestExpressApplication;
  config: GatewayConfig;
  /** An official OpenAI client pointed at the gateway (no retries, so errors surface as they are). */
  openai(apiKey?: string): OpenAI;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Wait for every provider's first model list (default true). */
  waitForModels?: boolean;
  cwd?: string;
  /** Model-call policies to run besides the gateway's own. */
  policies?: AppOptions['policies'];
}

export async function startGateway(env: Record<string, string>, options: StartOptions = {}): Promise<RunningGateway> {
  // The SQLite file goes in a temp dir (removed on close), never into the repository, unless the test chooses one.
  const dataDir = mkdtempSync(join(tmpdir(), 'modelgate-e2e-data-'));
  const config = loadGatewayConfig({
    env: { LOG_LEVEL: 'error', SQLITE_PATH: join(dataDir, 'gomodel.db'), ...env },
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'modelgate-e2e-')),
    providerTypes: PROVIDER_DISCOVERY,
  });
  const app = await createGateway(config, { policies: options.policies });
  await app.listen(0, '127.0.0.1');
  if (options.waitForModels !== false) await app.get(ModelCatalog).whenLoaded();
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}${config.server.basePath}`;
  return {
    url,
    app,
    config,
    openai: (apiKey = 'unused') => new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0, timeout: 10_000 }),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `promise` does, or rejects after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
