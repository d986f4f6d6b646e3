import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { contextOf } from './request-context.middleware.js';
import { renderError, toGatewayError } from './render-error.js';

@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    renderError(toGatewayError(exception, contextOf(req)?.requestId), http.getResponse<Response>());
  }
}
