/**
 * A transient failure (throttling, a network error, a service briefly down): the job is
 * retried with exponential backoff until its retry limit, then fails with this message.
 */
export class RetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

/** Why a running handler's signal aborted. */
export class JobAbortedError extends Error {
  constructor(readonly reason: 'cancelled' | 'lease-lost' | 'closing') {
    super(
      reason === 'cancelled'
        ? 'the job was cancelled'
        : reason === 'lease-lost'
          ? 'this worker lost the job: its lease ran out'
          : 'the worker is closing',
    );
    this.name = 'JobAbortedError';
  }
}
