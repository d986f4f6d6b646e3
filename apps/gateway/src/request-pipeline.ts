// The order of checks every request goes through, whichever door it comes in by (express or the fast lane), defined
// once here. It follows GoModel's middleware order (request ID, user path header, then auth, then the handler reads
// the body): a caller without a valid key is refused before its body is read or parsed. BASE_PATH is stripped before
// the pipeline, by basePathMiddleware on express and by the fast lane while it routes.
import { legacyAliasHeaders } from '@modelgate/admin';
import { authMiddleware, AuthService } from '@modelgate/auth';
import type { GatewayConfig } from '@modelgate/config';
import { jsonBodyMiddleware, RequestRecords, requestContextMiddleware, type PipelineStage } from '@modelgate/core';
import type { INestApplication } from '@nestjs/common';

export interface RequestPipeline {
  /**
   * Every request: X-Request-ID, RequestContext and the user path header; GoModel's deprecation headers on
   * /admin/api/v1/ (when the admin API is on); then auth (401/403/503).
   */
  readonly admission: readonly PipelineStage[];
  /** Then the JSON body, read within BODY_SIZE_LIMIT (413) and parsed once (400); passthrough streams its body instead. */
  readonly body: PipelineStage;
}

export function requestPipeline(app: INestApplication, config: GatewayConfig): RequestPipeline {
  return {
    admission: [
      requestContextMiddleware(app.get(RequestRecords), config.server),
      ...(config.admin.endpointsEnabled ? [legacyAliasHeaders] : []),
      authMiddleware(app.get(AuthService)),
    ],
    body: jsonBodyMiddleware(config.server.bodySizeLimit),
  };
}
