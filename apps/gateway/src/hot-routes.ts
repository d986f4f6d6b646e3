// Finds the @HotRoute methods the fast lane serves, and refuses to start when Nest would do something for such a
// route that the fast lane would silently skip: a guard, interceptor, pipe or foreign exception filter (global or on the
// route), module middleware (NestModule.configure: it would also run after the pipeline's auth on express), a global
// prefix or versioning (the fast lane routes by the bare path), or parameters other than
// `@Body() body, @Ctx() ctx, @Res() res` (the fast lane hands over exactly those three).
import { contextParameter, GatewayExceptionFilter, HOT_ROUTE, type HotRouteHandler } from '@modelgate/core';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import {
  CUSTOM_ROUTE_ARGS_METADATA,
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  PIPES_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ApplicationConfig, DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';

export class FastLaneConfigError extends Error {
  override readonly name = 'FastLaneConfigError';
}

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
  factory?: unknown;
}

/** Nest's ApplicationConfig holds everything app.useGlobal*() and APP_* providers registered; Nest keeps it private. */
function applicationConfigOf(app: INestApplication): ApplicationConfig {
  const config = (app as unknown as { config?: unknown }).config;
  if (!(config instanceof ApplicationConfig)) {
    throw new FastLaneConfigError("cannot read Nest's application config to check what the fast lane would skip");
  }
  return config;
}

function nameOf(enhancer: unknown): string {
  if (typeof enhancer === 'function') return enhancer.name;
  const constructor = (enhancer as { constructor?: { name?: string } } | null)?.constructor;
  return constructor?.name ?? String(enhancer);
}

/** Throws unless Nest applies nothing app-wide that the fast lane does not (GatewayExceptionFilter it renders itself). */
export function assertNoGlobalEnhancers(app: INestApplication): void {
  const config = applicationConfigOf(app);
  const skipped = [
    ...[...config.getGlobalGuards(), ...config.getGlobalRequestGuards()].map((guard) => `guard ${nameOf(guard)}`),
    ...[...config.getGlobalInterceptors(), ...config.getGlobalRequestInterceptors()].map((item) => `interceptor ${nameOf(item)}`),
    ...[...config.getGlobalPipes(), ...config.getGlobalRequestPipes()].map((pipe) => `pipe ${nameOf(pipe)}`),
    ...config
      .getGlobalFilters()
      .filter((filter) => !(filter instanceof GatewayExceptionFilter))
      .map((filter) => `exception filter ${nameOf(filter)}`),
    ...config.getGlobalRequestFilters().map((filter) => `exception filter ${nameOf(filter)}`),
    ...config.getGlobalPreRequestHooks().map((hook) => `pre-request hook ${nameOf(hook)}`),
    ...(config.getGlobalPrefix() === '' ? [] : [`global prefix '${config.getGlobalPrefix()}'`]),
    ...(config.getVersioning() === undefined ? [] : ['versioning']),
    ...[...app.get(ModulesContainer).values()]
      .filter((module) => typeof (module.instance as { configure?: unknown } | undefined)?.configure === 'function')
      .map((module) => `middleware ${module.metatype.name}.configure()`),
  ];
  if (skipped.length > 0) {
    throw new FastLaneConfigError(
      `global ${skipped.join(', ')} registered, which the fast lane's hot routes would skip: ` +
        'add the check to the request pipeline (apps/gateway/src/request-pipeline.ts) instead',
    );
  }
}

function joinPath(...parts: unknown[]): string {
  const segments = parts.flatMap((part) => {
    if (typeof part !== 'string') throw new FastLaneConfigError(`a hot route's path must be one string, not ${JSON.stringify(part)}`);
    return part.split('/').filter((segment) => segment !== '');
  });
  return `/${segments.join('/')}`;
}

/** Throws unless Nest calls the method as the fast lane does: (@Body() body, @Ctx() ctx, @Res() res), nothing else applied. */
function assertSameAsNest(controller: object, name: string, method: object, where: string): void {
  for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, EXCEPTION_FILTERS_METADATA]) {
    const onRoute = [
      ...((Reflect.getMetadata(key, controller) as unknown[]) ?? []),
      ...((Reflect.getMetadata(key, method) as unknown[]) ?? []),
    ];
    if (onRoute.length > 0) {
      throw new FastLaneConfigError(`hot route ${where} has ${key} ${onRoute.map(nameOf).join(', ')}, which the fast lane would skip`);
    }
  }
  const args = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArgument>);
  const isArgument = (index: number, test: (key: string, arg: RouteArgument) => boolean): boolean =>
    args.some(([key, arg]) => arg.index === index && arg.data === undefined && (arg.pipes ?? []).length === 0 && test(key, arg));
  const matches =
    args.length === 3 &&
    isArgument(0, (key) => key === `${RouteParamtypes.BODY}:0`) &&
    isArgument(1, (key, arg) => key.endsWith(`${CUSTOM_ROUTE_ARGS_METADATA}:1`) && arg.factory === contextParameter) &&
    isArgument(2, (key) => key === `${RouteParamtypes.RESPONSE}:2`);
  if (!matches) {
    throw new FastLaneConfigError(
      `hot route ${where} must take (@Body() body, @Ctx() ctx, @Res() res), without pipes: that is what the fast lane passes`,
    );
  }
}

/** Every controller method marked @HotRoute, keyed `METHOD /path` as its Nest route declares it, bound to its controller. */
export function collectHotRoutes(app: INestApplication): Map<string, HotRouteHandler> {
  const routes = new Map<string, HotRouteHandler>();
  const scanner = app.get(MetadataScanner);
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = prototype[name] as HotRouteHandler;
      if (Reflect.getMetadata(HOT_ROUTE, method) !== true) continue;
      const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, method) as RequestMethod];
      const key = `${verb} ${joinPath(Reflect.getMetadata(PATH_METADATA, instance.constructor), Reflect.getMetadata(PATH_METADATA, method))}`;
      assertSameAsNest(instance.constructor, name, method, `${instance.constructor.name}.${name} (${key})`);
      routes.set(key, method.bind(instance));
    }
  }
  return routes;
}
