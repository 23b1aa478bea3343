// When to try a Graph request again and how long to wait first: Retry-After when the
// service names a time, otherwise exponential backoff with full jitter (a random wait
// between zero and an exponentially growing cap), which spreads the retries of many
// concurrent requests instead of sending them back together.

export interface BackoffSettings {
  /** Cap of the first retry's wait. */
  baseMs: number;
  /** Upper bound of any wait. */
  maxMs: number;
  /** Attempts after the first before giving up. */
  maxRetries: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseMs: 500, maxMs: 30_000, maxRetries: 8 };

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP-date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP-date names a weekday and a month; anything else (a negative number) is unreadable.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Full jitter: uniform in [0, min(max, base · 2^retry)); `retry` counts from 0. */
export function backoffDelay(
  retry: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const cap = Math.min(settings.maxMs, settings.baseMs * 2 ** retry);
  return Math.floor(random() * cap);
}

/** Statuses that say "try again later" rather than "this request is wrong". */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** The code of a network failure that is worth a retry (dropped connection, timeout), else undefined. */
export function transientNetworkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return code;
    if (current.name === 'TimeoutError') return 'ETIMEDOUT';
    if (current.message === 'other side closed' || current.message === 'terminated') return 'UND_ERR_SOCKET';
    current = current.cause;
  }
  return undefined;
}
