import { ConfigError, loadGatewayConfig } from '@modelgate/config';
import { PROVIDER_DISCOVERY } from '@modelgate/providers';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createGateway } from './create-gateway.js';

/** How long the process may take to end once everything is closed, before the handles still open are named. */
const EXIT_GRACE_MS = 2_000;

const logger = new Logger('ModelGate');

/** A configuration error is one line and exit 1; anything else keeps its stack. */
function exitOnConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`modelgate: configuration error: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}

function loadConfigOrExit() {
  try {
    return loadGatewayConfig({ env: process.env, cwd: process.cwd(), providerTypes: PROVIDER_DISCOVERY });
  } catch (err) {
    return exitOnConfigError(err);
  }
}

/** Never rejects: a failure is logged and sets exit code 1. */
async function shutDown(app: NestExpressApplication): Promise<void> {
  try {
    await app.close();
    logger.log('shut down');
  } catch (err) {
    logger.error(`shutdown failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  }
  // Nothing should be left to keep the process alive; should something be, say what and end anyway.
  setTimeout(() => {
    logger.warn(`handles still open after shutdown: ${process.getActiveResourcesInfo().join(', ')}; exiting`);
    process.exit();
  }, EXIT_GRACE_MS).unref();
}

/**
 * SIGTERM and SIGINT close the app once: app.close() drains the connections (SHUTDOWN_TIMEOUT), then the shutdown
 * hooks write the buffered usage rows and audit entries and close storage, and the process ends by itself with code 0
 * (Nest's own signal handling would re-raise the signal: exit 143). A second signal cannot cut that short.
 */
function closeOnSignals(app: NestExpressApplication): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn(`${signal} received again: still shutting down (draining requests, then writing buffered rows)`);
      return;
    }
    closing = true;
    logger.log(`${signal} received: shutting down`);
    void shutDown(app);
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

const config = loadConfigOrExit();
// A bug must not take every in-flight request down with it: log a stray rejection with its stack and keep serving.
process.on('unhandledRejection', (reason: unknown) => {
  logger.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});
const app = await createGateway(config).catch(exitOnConfigError);
closeOnSignals(app);
for (const warning of config.warnings) logger.warn(warning);
await app.listen(config.server.port);
const providers = config.providers.instances.map((instance) => `${instance.name} (${instance.type})`).join(', ') || 'none';
logger.log(`listening on :${config.server.port}${config.server.basePath || ''}; providers: ${providers}`);
