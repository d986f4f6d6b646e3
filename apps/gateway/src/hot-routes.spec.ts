import 'reflect-metadata';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { describe, it } from 'node:test';
import { Ctx, GatewayExceptionFilter, HotRoute, RequestContext } from '@modelgate/core';
import {
  Body,
  Catch,
  Controller,
  Injectable,
  Module,
  Post,
  Req,
  Res,
  UseGuards,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type INestApplication,
  type MiddlewareConsumer,
  type NestInterceptor,
  type NestModule,
  type PipeTransform,
  type Type,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule, NestFactory } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { assertNoGlobalEnhancers, collectHotRoutes } from './hot-routes.js';

@Injectable()
class AllowAll implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

@Injectable()
class PassThrough implements NestInterceptor {
  intercept(_: unknown, next: CallHandler): Observable<unknown> {
    return next.handle();
  }
}

class Identity implements PipeTransform {
  transform(value: unknown): unknown {
    return value;
  }
}

@Catch()
class OtherFilter implements ExceptionFilter {
  catch(): void {}
}

@Controller('v1')
class ChatLike {
  @Post('things')
  @HotRoute()
  create(@Body() _body: unknown, @Ctx() _ctx: RequestContext, @Res() res: ServerResponse): void {
    res.end();
  }
}

@Controller('v1/messages/')
class MessagesLike {
  @Post()
  @HotRoute()
  create(@Body() _body: unknown, @Ctx() _ctx: RequestContext, @Res() res: ServerResponse): void {
    res.end();
  }

  @Post('/count_tokens')
  @HotRoute()
  count(@Body() _body: unknown, @Ctx() _ctx: RequestContext, @Res() res: ServerResponse): void {
    res.end();
  }

  @Post('plain')
  plain(): string {
    return 'not hot';
  }
}

@Controller('v1')
@UseGuards(AllowAll)
class GuardedHot {
  @Post('guarded')
  @HotRoute()
  create(@Body() _body: unknown, @Ctx() _ctx: RequestContext, @Res() res: ServerResponse): void {
    res.end();
  }
}

@Controller('v1')
class WrongParameters {
  @Post('wrong')
  @HotRoute()
  create(@Req() _req: unknown, @Ctx() _ctx: RequestContext, @Res() res: ServerResponse): void {
    res.end();
  }
}

@Controller('v1')
class PipedBody {
  @Post('piped')
  @HotRoute()
  create(@Body(Identity) _body: unknown, @Ctx() _ctx: RequestContext, @Res() res: ServerResponse): void {
    res.end();
  }
}

@Module({})
class WithMiddleware implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply((_req: unknown, _res: unknown, next: () => void) => next()).forRoutes('*');
  }
}

async function appWith(
  controllers: Type[],
  providers: { provide: string; useClass: Type }[] = [],
  imports: Type[] = [],
): Promise<INestApplication> {
  @Module({ imports: [DiscoveryModule, ...imports], controllers, providers })
  class TestModule {}
  return NestFactory.create(TestModule, { logger: false });
}

async function withApp(
  controllers: Type[],
  check: (app: INestApplication) => void,
  providers: { provide: string; useClass: Type }[] = [],
  configure: (app: INestApplication) => void = () => undefined,
  imports: Type[] = [],
): Promise<void> {
  const app = await appWith(controllers, providers, imports);
  try {
    configure(app);
    await app.init();
    check(app);
  } finally {
    await app.close();
  }
}

describe('collectHotRoutes', () => {
  it("keys each @HotRoute method by its own Nest route's method and path, and leaves other methods to express", async () => {
    await withApp([ChatLike, MessagesLike], (app) => {
      assert.deepEqual([...collectHotRoutes(app).keys()].sort(), [
        'POST /v1/messages',
        'POST /v1/messages/count_tokens',
        'POST /v1/things',
      ]);
    });
  });

  it('refuses a hot route with a guard of its own, which the fast lane would skip', async () => {
    await withApp([GuardedHot], (app) => {
      assert.throws(() => collectHotRoutes(app), /GuardedHot\.create \(POST \/v1\/guarded\) has __guards__ AllowAll/);
    });
  });

  it('refuses a hot route whose Nest parameters are not (@Body() body, @Ctx() ctx, @Res() res)', async () => {
    await withApp([WrongParameters], (app) => {
      assert.throws(() => collectHotRoutes(app), /WrongParameters\.create .* must take \(@Body\(\) body, @Ctx\(\) ctx, @Res\(\) res\)/);
    });
    await withApp([PipedBody], (app) => {
      assert.throws(() => collectHotRoutes(app), /PipedBody\.create .* without pipes/);
    });
  });
});

describe('assertNoGlobalEnhancers', () => {
  it('accepts an app whose only global enhancer is the GatewayExceptionFilter', async () => {
    await withApp(
      [ChatLike],
      (app) => assertNoGlobalEnhancers(app),
      [],
      (app) => app.useGlobalFilters(new GatewayExceptionFilter()),
    );
  });

  it('refuses an APP_GUARD or APP_INTERCEPTOR provider, naming it', async () => {
    await withApp([ChatLike], (app) => assert.throws(() => assertNoGlobalEnhancers(app), /global guard AllowAll registered/), [
      { provide: APP_GUARD, useClass: AllowAll },
    ]);
    await withApp([ChatLike], (app) => assert.throws(() => assertNoGlobalEnhancers(app), /global interceptor PassThrough registered/), [
      { provide: APP_INTERCEPTOR, useClass: PassThrough },
    ]);
  });

  it('refuses useGlobalGuards, useGlobalInterceptors, useGlobalPipes, another filter and a global prefix', async () => {
    const cases: [(app: INestApplication) => void, RegExp][] = [
      [(app) => app.useGlobalGuards(new AllowAll()), /guard AllowAll/],
      [(app) => app.useGlobalInterceptors(new PassThrough()), /interceptor PassThrough/],
      [(app) => app.useGlobalPipes(new Identity()), /pipe Identity/],
      [(app) => app.useGlobalFilters(new OtherFilter()), /exception filter OtherFilter/],
      [(app) => app.setGlobalPrefix('api'), /global prefix 'api'/],
    ];
    for (const [configure, expected] of cases) {
      await withApp([ChatLike], (app) => assert.throws(() => assertNoGlobalEnhancers(app), expected), [], configure);
    }
  });

  it('refuses module middleware, which would run after the pipeline on express and not at all on the fast lane', async () => {
    await withApp(
      [ChatLike],
      (app) => assert.throws(() => assertNoGlobalEnhancers(app), /middleware WithMiddleware\.configure\(\)/),
      [],
      () => undefined,
      [WithMiddleware],
    );
  });
});
