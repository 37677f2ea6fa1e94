import type { AppError } from '../../../core/result';

/**
 * The database cannot be reached (stopped, restarting, the network to it cut): the command did
 * not happen and may be sent again later. The runner answers its kind as it is and logs nothing
 * under the commandId, so the terminal's replay runs it once the database is back
 * (docs/province.md, "Database away"); node-postgres' pool opens fresh connections by itself.
 */
export class HubUnavailable extends Error {
  readonly kind = 'hub-unavailable' as const;

  constructor(cause: unknown) {
    super(`Máy chủ tạm thời không truy cập được cơ sở dữ liệu (${cause instanceof Error ? cause.message : String(cause)}); thao tác chưa được ghi nhận, hãy thử lại sau.`, { cause });
    this.name = 'HubUnavailable';
  }

  /** As the error value commands answer with. */
  toAppError(): AppError {
    return { kind: this.kind, message: this.message };
  }
}

/** Socket-level failures node-postgres passes on as they are. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server going away or not there yet: 57P01 admin shutdown, 57P02 crash shutdown, 57P03 starting up. */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03']);
/** What node-postgres says when the socket closed under a query, or a client broke earlier. */
const LOST = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect/i;

/** True for an error meaning "the database is not reachable now", not "the statement was wrong". */
export function isConnectionError(e: unknown): boolean {
  if (e instanceof HubUnavailable) return true;
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_GONE.has(code) || code.startsWith('08'))) return true;
  if (e instanceof AggregateError) return e.errors.some(isConnectionError);
  return LOST.test(e.message);
}
