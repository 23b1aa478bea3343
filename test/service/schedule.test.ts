// When schedules run: cron expressions in a time zone, across DST changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_CRON,
  latestSlot,
  nextSlot,
  ServiceError,
  validateSchedule,
} from '../../src/service/index.js';

/** The next `count` slots after a time, as UTC ISO strings. */
function slots(cron: string, timeZone: string, after: string, count: number): string[] {
  const out: string[] = [];
  let at = new Date(after);
  for (let i = 0; i < count; i++) {
    at = nextSlot(cron, timeZone, at)!;
    out.push(at.toISOString());
  }
  return out;
}

test('the default schedule runs twice a day, twelve hours apart', () => {
  assert.deepEqual(slots(DEFAULT_CRON, 'UTC', '2025-06-01T00:00:00Z', 4), [
    '2025-06-01T03:00:00.000Z',
    '2025-06-01T15:00:00.000Z',
    '2025-06-02T03:00:00.000Z',
    '2025-06-02T15:00:00.000Z',
  ]);
});

test('slots follow the wall clock of their time zone across DST changes', () => {
  // New York: EST (UTC-5) until 9 March 2025, EDT (UTC-4) until 2 November.
  assert.deepEqual(slots(DEFAULT_CRON, 'America/New_York', '2025-03-08T00:00:00Z', 4), [
    '2025-03-08T08:00:00.000Z',
    '2025-03-08T20:00:00.000Z',
    '2025-03-09T07:00:00.000Z',
    '2025-03-09T19:00:00.000Z',
  ]);
  assert.deepEqual(slots(DEFAULT_CRON, 'America/New_York', '2025-11-01T00:00:00Z', 4), [
    '2025-11-01T07:00:00.000Z',
    '2025-11-01T19:00:00.000Z',
    '2025-11-02T08:00:00.000Z',
    '2025-11-02T20:00:00.000Z',
  ]);
  // Berlin: CET (UTC+1) until 30 March 2025, then CEST (UTC+2).
  assert.deepEqual(slots(DEFAULT_CRON, 'Europe/Berlin', '2025-03-29T00:00:00Z', 4), [
    '2025-03-29T02:00:00.000Z',
    '2025-03-29T14:00:00.000Z',
    '2025-03-30T01:00:00.000Z',
    '2025-03-30T13:00:00.000Z',
  ]);
});

test('a fixed time in a DST gap runs right after it; one that occurs twice runs once', () => {
  // New York skips 02:00–03:00 on 9 March 2025: 02:30 runs at 03:00 EDT that day.
  assert.deepEqual(slots('30 2 * * *', 'America/New_York', '2025-03-08T12:00:00Z', 3), [
    '2025-03-09T07:00:00.000Z',
    '2025-03-10T06:30:00.000Z',
    '2025-03-11T06:30:00.000Z',
  ]);
  // New York repeats 01:00–02:00 on 2 November 2025: 01:30 runs once, at its first occurrence.
  assert.deepEqual(slots('30 1 * * *', 'America/New_York', '2025-11-01T12:00:00Z', 2), [
    '2025-11-02T05:30:00.000Z',
    '2025-11-03T06:30:00.000Z',
  ]);
  // Helsinki skips and repeats 03:00 itself: the default schedule still runs twice each day.
  assert.deepEqual(slots(DEFAULT_CRON, 'Europe/Helsinki', '2025-03-29T20:00:00Z', 2), [
    '2025-03-30T01:00:00.000Z',
    '2025-03-30T12:00:00.000Z',
  ]);
  assert.deepEqual(slots(DEFAULT_CRON, 'Europe/Helsinki', '2025-10-25T20:00:00Z', 2), [
    '2025-10-26T00:00:00.000Z',
    '2025-10-26T13:00:00.000Z',
  ]);
});

test('an hourly pattern runs by the wall clock: both occurrences of a repeated hour', () => {
  assert.deepEqual(slots('30 * * * *', 'America/New_York', '2025-11-02T04:00:00Z', 3), [
    '2025-11-02T04:30:00.000Z',
    '2025-11-02T05:30:00.000Z',
    '2025-11-02T06:30:00.000Z',
  ]);
});

test('the latest slot includes one at exactly that time', () => {
  const tz = 'America/New_York';
  assert.equal(
    latestSlot(DEFAULT_CRON, tz, new Date('2025-03-08T08:00:00Z'))?.toISOString(),
    '2025-03-08T08:00:00.000Z',
  );
  assert.equal(
    latestSlot(DEFAULT_CRON, tz, new Date('2025-03-08T07:59:59.999Z'))?.toISOString(),
    '2025-03-07T20:00:00.000Z',
  );
  assert.equal(
    latestSlot(DEFAULT_CRON, tz, new Date('2025-03-10T01:00:00Z'))?.toISOString(),
    '2025-03-09T19:00:00.000Z',
  );
});

test('bad expressions and time zones are refused with a reason', () => {
  const refused = (pattern: RegExp) => (error: Error) =>
    error instanceof ServiceError && pattern.test(error.message);
  assert.throws(() => validateSchedule('61 3 * * *', 'UTC'), refused(/cron expression "61 3 \* \* \*"/));
  assert.throws(() => validateSchedule('0 0 3 * * *', 'UTC'), refused(/5 parts/));
  assert.throws(() => validateSchedule(DEFAULT_CRON, 'Europe/Atlantis'), refused(/unknown time zone/));
  assert.throws(() => validateSchedule('0 0 30 2 *', 'UTC'), refused(/never runs/));
  validateSchedule(DEFAULT_CRON, 'Asia/Kolkata');
});
