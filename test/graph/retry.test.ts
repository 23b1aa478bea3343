// Retry-After parsing, backoff with full jitter, and which failures are worth a retry.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  backoffDelay,
  isTransientStatus,
  parseRetryAfter,
  transientNetworkCode,
} from '../../src/graph/retry.js';

describe('Retry-After', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');

  test('delta-seconds, whole or fractional', () => {
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('1.5', now), 1500);
  });

  test('an HTTP-date counts from now, and a past date means now', () => {
    assert.equal(parseRetryAfter('Sat, 01 Mar 2025 10:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Sat, 01 Mar 2025 09:59:00 GMT', now), 0);
  });

  test('absent or unreadable values are no Retry-After', () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-3', now), undefined);
  });
});

describe('backoff with full jitter', () => {
  const settings = { baseMs: 100, maxMs: 1000, maxRetries: 5 };

  test('the cap doubles per retry up to the maximum', () => {
    const atTop = () => 0.999_999;
    assert.equal(backoffDelay(0, settings, atTop), 99);
    assert.equal(backoffDelay(1, settings, atTop), 199);
    assert.equal(backoffDelay(3, settings, atTop), 799);
    assert.equal(backoffDelay(10, settings, atTop), 999);
  });

  test('the wait is anywhere between zero and the cap', () => {
    assert.equal(
      backoffDelay(4, settings, () => 0),
      0,
    );
    const waits = Array.from({ length: 500 }, () => backoffDelay(2, settings));
    assert.ok(waits.every((wait) => wait >= 0 && wait < 400));
    assert.ok(new Set(waits).size > 50, 'jitter spreads the retries');
  });
});

describe('transient failures', () => {
  test('429, 503 and 504 are transient; other statuses are not', () => {
    assert.deepEqual(
      [400, 401, 403, 404, 409, 429, 500, 502, 503, 504].filter(isTransientStatus),
      [429, 503, 504],
    );
  });

  test('dropped connections and timeouts are recognised through error causes', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    assert.equal(transientNetworkCode(new TypeError('fetch failed', { cause: reset })), 'ECONNRESET');
    const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    assert.equal(transientNetworkCode(new TypeError('fetch failed', { cause: socket })), 'UND_ERR_SOCKET');
    assert.equal(transientNetworkCode(new DOMException('timed out', 'TimeoutError')), 'ETIMEDOUT');
    assert.equal(transientNetworkCode(new Error('certificate has expired')), undefined);
    assert.equal(transientNetworkCode('not an error'), undefined);
  });
});
