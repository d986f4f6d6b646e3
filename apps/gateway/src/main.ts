import { ConfigError, loadGatewayConfig } from '@modelgate/config';
import { PROVIDER_DISCOVERY } from '@modelgate/providers';
import { Logger } from '@nestjs/common';
import { createGateway } from './create-gateway.js';

function loadConfigOrExit() {
  try {
    return loadGatewayConfig({ env: process.env, cwd: process.cwd(), providerTypes: PROVIDER_DISCOVERY });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`modelgate: configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

const config = loadConfigOrExit();
const logger = new Logger('ModelGate');
// A bug must not take every in-flight request down with it: log a stray rejection with its stack and keep serving.
process.on('unhandledRejection', (reason: unknown) => {
  logger.error(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});
const app = await createGateway(config);
for (const warning of config.warnings) logger.warn(warning);
await app.listen(config.server.port);
const providers = config.providers.instances.map((instance) => `${instance.name} (${instance.type})`).join(', ') || 'none';
logger.log(`listening on :${config.server.port}${config.server.basePath || ''}; providers: ${providers}`);
