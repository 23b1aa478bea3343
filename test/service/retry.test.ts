// The backoff between retries: doubling from the job's base delay, capped at an hour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterTransientFailure, MAX_RETRY_DELAY_MS, retryDelayMs } from '../../src/service/queue/retry.js';

test('retry delays double from the base delay and stop growing at an hour', () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((attempt) => retryDelayMs(30_000, attempt)),
    [30_000, 60_000, 120_000, 240_000],
  );
  assert.equal(retryDelayMs(30_000, 12), MAX_RETRY_DELAY_MS);
  assert.equal(MAX_RETRY_DELAY_MS, 3_600_000);
});

test('a transient failure is retried while retries are left, then fails', () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const retried = afterTransientFailure({ attempt: 2, retryLimit: 2, retryDelayMs: 1_000 }, 'Graph 503', now);
  assert.deepEqual(retried, {
    settlement: {
      state: 'queued',
      runAfter: new Date('2025-06-01T00:00:02Z'),
      error: 'Graph 503',
      countAttempt: true,
    },
    line: 'attempt 2 failed: Graph 503; retry in 2000 ms',
  });
  const failed = afterTransientFailure({ attempt: 3, retryLimit: 2, retryDelayMs: 1_000 }, 'Graph 503', now);
  assert.deepEqual(failed, {
    settlement: { state: 'failed', error: 'Graph 503' },
    line: 'attempt 3 failed: Graph 503',
  });
});
