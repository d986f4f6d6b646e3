// Builds the HTTP application: BASE_PATH, the request pipeline (request-pipeline.ts: request ID and context, auth,
// JSON body) as express middleware, Nest routes, one error filter, Swagger; then the fast lane in front of express,
// running the same pipeline for hot routes; and a close that drains the connections.
import 'reflect-metadata';
import type { GatewayConfig, LogLevel } from '@modelgate/config';
import { answerClientError, basePathMiddleware, GatewayExceptionFilter } from '@modelgate/core';
import type { LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { AppModule, type AppOptions } from './app.module.js';
import { DrainingExpressAdapter } from './draining-express-adapter.js';
import { installFastLane } from './fast-lane.js';
import { requestPipeline } from './request-pipeline.js';
import { setUpSwagger } from './swagger.js';

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

export async function createGateway(config: GatewayConfig, options: AppOptions = {}): Promise<NestExpressApplication> {
  const adapter = new DrainingExpressAdapter(config.server.shutdownTimeoutMs);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), adapter, {
    bodyParser: false,
    logger: NEST_LEVELS[config.server.logLevel],
    // A failing provider or store rejects to the caller (Nest logs it first) instead of process.abort() and a core dump.
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  if (config.server.basePath !== '') app.use(basePathMiddleware(config.server.basePath));
  const pipeline = requestPipeline(app, config);
  for (const stage of [...pipeline.admission, pipeline.body]) app.use(stage);
  app.useGlobalFilters(new GatewayExceptionFilter());
  if (config.server.swaggerEnabled) setUpSwagger(app);
  await app.init();
  const server = app.getHttpServer() as Server;
  // Longer than the idle timeout of common load balancers (60 s), so they never reuse a connection we just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('clientError', answerClientError);
  installFastLane(app, server, pipeline, config.server.basePath);
  adapter.drainOnClose();
  return app;
}
