import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { err, type ErrorKind } from '../core/result';
import { capMessage } from '../core/validation';

/** Every JSON body the hub accepts (commands) fits in this; only the dossier PDF route takes more. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** Fastify's default, kept on purpose: dossier codes and ids are 40–64 characters at most. */
export const MAX_PATH_PARAM_CHARS = 100;

const MiB = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MiB`;

/**
 * Answers a refusal in the one shape every client reads, `{ ok: false, error: { kind, message } }`,
 * with the HTTP status that names it. The message is short whatever the input was.
 */
export function refuse(reply: FastifyReply, status: number, kind: ErrorKind, message: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(err(kind, capMessage(message)));
}

/** A refusal written straight to the socket, for errors Node's HTTP parser raises before Fastify sees a request. */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Phần đầu yêu cầu HTTP quá lớn (request headers too large).']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Hết thời gian chờ yêu cầu HTTP (request timeout).']
        : [400, 'Yêu cầu HTTP không hợp lệ (malformed HTTP request).'];
  const body = JSON.stringify(err('invalid-input', message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** Errors Fastify's router raises before any route runs: a bad percent-encoding, a path parameter too long. */
function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  void reply.header('connection', 'close');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void refuse(reply, 414, 'invalid-input', `Đường dẫn có tham số quá dài (tối đa ${MAX_PATH_PARAM_CHARS} ký tự) (path parameter too long).`);
  } else if (error.code === 'FST_ERR_BAD_URL') {
    void refuse(reply, 400, 'invalid-input', 'Đường dẫn không hợp lệ (bad percent-encoding in the URL).');
  } else {
    void refuse(reply, 500, 'internal', `Lỗi máy chủ khi định tuyến: ${error.message}`);
  }
}

/** The Fastify options that bound what one request can make the hub read (used by hub.ts). */
export const HTTP_SERVER_OPTIONS = {
  bodyLimit: MAX_JSON_BODY_BYTES,
  routerOptions: { maxParamLength: MAX_PATH_PARAM_CHARS },
  frameworkErrors,
  clientErrorHandler,
  // Fastify's own 503 while closing has its own shape; ours is answered by the hook below.
  return503OnClosing: false,
} satisfies FastifyServerOptions;

/** What a body-reading error means to the client, by Fastify's code. */
function describeError(error: FastifyError, req: FastifyRequest): { status: number; kind: ErrorKind; message: string } {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, kind: 'invalid-input', message: `Thân yêu cầu quá lớn (tối đa ${MiB(req.routeOptions.bodyLimit ?? MAX_JSON_BODY_BYTES)}) (request body too large).` };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return { status: 415, kind: 'invalid-input', message: `Kiểu nội dung không được nhận ở đây: gửi ${req.url.endsWith('/pdf') ? 'application/pdf' : 'application/json'} (unsupported media type).` };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, kind: 'invalid-input', message: 'Thân yêu cầu JSON trống (empty JSON body).' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, kind: 'invalid-input', message: 'Thân yêu cầu không phải JSON hợp lệ (invalid JSON body).' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, kind: 'invalid-input', message: 'Độ dài thân yêu cầu không khớp Content-Length (body does not match Content-Length).' };
    default:
      break;
  }
  if (error instanceof SyntaxError) return { status: 400, kind: 'invalid-input', message: 'Thân yêu cầu không phải JSON hợp lệ (invalid JSON body).' };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, kind: 'invalid-input', message: `Yêu cầu không hợp lệ: ${error.message}` };
  return { status: 500, kind: 'internal', message: `Lỗi máy chủ: ${error.message}` };
}

/** A route pattern as a regular expression over the path, for "405: this path exists with other methods". */
function patternOf(url: string): RegExp {
  const escaped = url.split('/').map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${escaped.join('/')}/?$`);
}

/**
 * Every refusal Fastify itself would produce (404, 405, 413, 414, 415, 400 for bad JSON, 503 while
 * closing) answered in the hub's shape, and no body read for a request that is refused anyway:
 * an unknown route is answered from onRequest, before its body, and any answer sent before the
 * body was read closes the connection rather than draining what the client still sends.
 * Call before registering routes (it watches them to answer 405 with their methods).
 */
export function registerRefusals(app: FastifyInstance): void {
  const routes: { readonly pattern: RegExp; readonly methods: readonly string[] }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ pattern: patternOf(route.url), methods });
  });
  // No route of the hub reads text/plain: such a body is refused 415 rather than handed to a route.
  app.removeContentTypeParser('text/plain');

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.addHook('onRequest', async (req, reply) => {
    if (closing) return refuse(reply, 503, 'hub-unreachable', 'Máy chủ đang dừng, thử lại sau ít phút (hub shutting down).');
    if (!req.is404) return;
    const path = req.url.split('?')[0] ?? '';
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))];
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      return refuse(reply, 405, 'invalid-input', `Không dùng được ${req.method} ở đường dẫn này; dùng ${allowed.join(', ')} (method not allowed).`);
    }
    return refuse(reply, 404, 'not-found', `Không có đường dẫn ${req.method} ${capMessage(path, 120)} (no such route).`);
  });

  app.addHook('onSend', async (req, reply) => {
    if (!req.raw.complete) void reply.header('connection', 'close');
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const { status, kind, message } = describeError(error, req);
    return refuse(reply, status, kind, message);
  });
  app.setNotFoundHandler((req, reply) => refuse(reply, 404, 'not-found', `Không có đường dẫn ${req.method} ${capMessage(req.url, 120)} (no such route).`));
}
