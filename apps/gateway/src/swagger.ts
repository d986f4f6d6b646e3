// The Swagger UI at /swagger, /swagger/ and /swagger/index.html (GoModel's address), the document at /swagger/doc.json.
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';

const INDEX_HTML = /^\/swagger\/index\.html(?=\?|$)/;

/**
 * Nest answers /swagger/index.html with the page of /swagger, whose assets are `./swagger/…`: from index.html they
 * resolve to /swagger/swagger/…, which are 404, and the browser shows a blank page. The page Nest serves at /swagger/
 * has them relative to the folder (`./swagger-ui.css`), right for index.html too: that is the one answered. Nest
 * tells the two apart by `originalUrl`, which keeps BASE_PATH, so only the file name is cut from both URLs.
 */
function indexHtmlAsFolder(req: IncomingMessage & { originalUrl?: string }, _res: ServerResponse, next: () => void): void {
  const url = req.url ?? '';
  if ((req.method === 'GET' || req.method === 'HEAD') && INDEX_HTML.test(url)) {
    req.url = url.replace(INDEX_HTML, '/swagger/');
    if (req.originalUrl !== undefined) req.originalUrl = req.originalUrl.replace(/\/index\.html(?=\?|$)/, '/');
  }
  next();
}

export function setUpSwagger(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ModelGate')
      .setDescription('One OpenAI-compatible API in front of many LLM providers.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  app.use(indexHtmlAsFolder);
  SwaggerModule.setup('swagger', app, document, { jsonDocumentUrl: 'swagger/doc.json' });
}
