// A request Node's HTTP parser refuses before any handler runs (duplicate Content-Length, Content-Length with chunked,
// a bad chunk, headers over 16 KiB, a malformed request line) is answered in OpenAI error JSON like every other 4xx,
// where Node would write a bare status line. There is no request or response object yet: the socket gets raw bytes.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { GatewayError } from '../gateway-error.js';

/** Status and message of each parser error a client causes; the rest are 400. */
function errorOf(code: string | undefined): GatewayError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError(431, 'invalid_request_error', 'request headers are larger than 16 KiB', { code: 'headers_too_large' });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError(408, 'invalid_request_error', 'the request did not arrive in time', { code: 'request_timeout' });
    default:
      return GatewayError.badRequest(`the request is not valid HTTP/1.1 (${code ?? 'parse error'})`, { code: 'invalid_http_request' });
  }
}

/** The raw HTTP response for a refused request: closes the connection, whose framing can no longer be trusted. */
export function clientErrorResponse(code: string | undefined): string {
  const err = errorOf(code);
  const body = JSON.stringify(err.toOpenAI());
  return (
    `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** The server's `clientError` listener: as Node's own, it writes only where no answer has started on the socket. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(err.code), () => socket.destroy());
}
