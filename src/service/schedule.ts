// When a schedule runs: a 5-field cron expression evaluated in an IANA time zone by croner.
// DST follows Vixie cron: a time that falls in a spring-forward gap runs right after the
// gap, a time that occurs twice in a fall-back runs once. Lists such as "0 3,15 * * *"
// count as fixed times too (croner's "no-wildcard" rule); patterns with * or steps in the
// minute or hour field run by the clock on the wall (skipped in a gap, twice in a repeat).
import { Cron } from 'croner';
import { ServiceError } from './errors.js';

/**
 * Twice a day, twelve hours apart: at night and in the afternoon of the organization's
 * time zone. 03:00 follows the hour most zones skip or repeat (02:00–03:00); where a DST
 * change does cover it, the fixed-time rule still runs it once that day.
 */
export const DEFAULT_CRON = '0 3,15 * * *';
export const DEFAULT_TIME_ZONE = 'UTC';

function cronOf(cron: string, timeZone: string): Cron {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new ServiceError(`unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin`);
  }
  try {
    return new Cron(cron, { timezone: timeZone, mode: '5-part', fixedTimeRule: 'no-wildcard', paused: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceError(`cron expression "${cron}": ${reason}`);
  }
}

/** Throws a ServiceError for a bad expression or time zone, or one that never runs. */
export function validateSchedule(cron: string, timeZone: string): void {
  if (cronOf(cron, timeZone).nextRun(new Date()) === null) {
    throw new ServiceError(`cron expression "${cron}" never runs`);
  }
}

/** The first slot strictly after a time; undefined when none is left. */
export function nextSlot(cron: string, timeZone: string, after: Date): Date | undefined {
  return cronOf(cron, timeZone).nextRun(after) ?? undefined;
}

/** The latest slot at or before a time; undefined when there is none. */
export function latestSlot(cron: string, timeZone: string, atOrBefore: Date): Date | undefined {
  // previousRuns looks before its reference and stops at whole seconds; slots are whole
  // minutes, so a millisecond later includes a slot that lies exactly at the time.
  return cronOf(cron, timeZone).previousRuns(1, new Date(atOrBefore.getTime() + 1))[0];
}
