// GoModel clients call /admin/api/v1/...; the same handlers answer there, marked deprecated with a sunset date.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';

export const LEGACY_PREFIX = '/admin/api/v1/';
export const LEGACY_SUNSET = 'Sun, 09 Aug 2026 00:00:00 GMT';

@Injectable()
export class LegacyAliasInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    // Set before the handler runs, so error answers on the legacy paths carry them too. Express routes ignore case.
    if (http.getRequest<Request>().path.toLowerCase().startsWith(LEGACY_PREFIX)) {
      const res = http.getResponse<Response>();
      res.setHeader('Deprecation', 'true');
      res.setHeader('Sunset', LEGACY_SUNSET);
    }
    return next.handle();
  }
}
