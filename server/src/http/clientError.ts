import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logger.ts';

/** Status of each parser failure Node reports by code; anything else the parser refuses is a 400. */
const STATUS_OF_PARSER_CODE: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'Request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request took too long to arrive'],
};

/**
 * Requests Node's HTTP parser refuses (header too large, bad request line) never reach
 * Express: answer them in the same JSON error shape, on the raw socket, when it can still be
 * written; a client that went away (ECONNRESET) is just closed, not logged as a failure.
 */
export function answerParserErrors(server: Server, logger: Logger): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] = STATUS_OF_PARSER_CODE[err.code ?? ''] ?? [400, 'bad_request', 'Malformed HTTP request'];
    logger.debug({ code: err.code, status }, 'HTTP parser refused a request');
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
