// Which failures mean "the database is not answering right now" (issue 12 items 10, 11): refused or
// dropped connections, a terminated backend (pg_terminate_backend, failover, restart), timeouts of
// connecting, of waiting for a pooled connection, of a query's round trip, and the server's own
// statement / idle-in-transaction timeouts. The app answers these with 503 + Retry-After instead of
// 500: the request did not happen (its transaction rolled back) and may be retried.

/** SQLSTATEs: class 08 (connection exception), shutdown / cannot connect now, too many connections, timeouts. */
const UNAVAILABLE_SQLSTATE = new Set(['57P01', '57P02', '57P03', '53300', '57014', '25P03', '08000', '08001', '08003', '08004', '08006', '08007']);
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end|terminating connection|PGlite is closed)/;

/** Walks the error and its causes (drizzle wraps driver errors in DrizzleQueryError { cause }). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== 'object') return false;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.has(code) || UNAVAILABLE_ERRNO.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}
