// How an attempt that failed for a passing reason ends (a RetryableError, or a worker that
// stopped renewing its lease): back in the queue after an exponential backoff while
// retries are left, failed after that.
import type { Settlement } from './store.js';

/** Longest wait between retries, however many came before. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** Backoff after a failed attempt (1 for the first): the base delay, doubled each time. */
export function retryDelayMs(baseMs: number, failedAttempt: number): number {
  return Math.min(baseMs * 2 ** (failedAttempt - 1), MAX_RETRY_DELAY_MS);
}

export interface FailedAttempt {
  attempt: number;
  retryLimit: number;
  retryDelayMs: number;
}

/** The attempt's end and the log line that says so. */
export function afterTransientFailure(
  failed: FailedAttempt,
  error: string,
  now: Date,
): { settlement: Settlement; line: string } {
  const line = `attempt ${failed.attempt} failed: ${error}`;
  if (failed.attempt > failed.retryLimit) return { settlement: { state: 'failed', error }, line };
  const delay = retryDelayMs(failed.retryDelayMs, failed.attempt);
  return {
    settlement: { state: 'queued', runAfter: new Date(now.getTime() + delay), error, countAttempt: true },
    line: `${line}; retry in ${delay} ms`,
  };
}
