// A restore plan: the Graph writes a restore will make, in order, each with the reason
// for it. The dry run prints it and the executor runs it, so what is shown is what is
// done. Writes can name things that exist only once an earlier write ran: the id Entra
// gives a re-created object ({new:<old id>}) and a generated password
// ({temporary-password}). The executor fills them in; the plan never holds a secret.
import type { DirectoryType } from '../item.js';

export type WriteMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The backed-up item a write or a decision belongs to. */
export interface ItemRef {
  type: DirectoryType;
  id: string;
  displayName: string | null;
}

export interface PlannedWrite {
  /** Position in the plan, from 1. */
  step: number;
  method: WriteMethod;
  /** Below the Graph version, e.g. /groups/{id}/members/$ref. */
  url: string;
  body?: unknown;
  why: string;
  item: ItemRef;
  /** Steps that must have succeeded first. */
  dependsOn: number[];
  /** A creation: Entra answers with new values (id, appId …) for these old ones. */
  creates?: Record<string, string>;
  /** Safe to send inside $batch and to repeat (a PATCH, a link); creations go one by one. */
  batchable: boolean;
  /** Graph answers that mean "already as wanted" (a link that exists, one already gone, an assignment held). */
  alreadyDone?: 'linkExists' | 'linkMissing' | 'assignmentExists';
  /** A generated password goes into the report (temporary-password mode) or is discarded (disabled mode). */
  revealsPassword?: boolean;
}

/** An item, relationship or property the restore leaves alone, and why. */
export interface Decision {
  item: ItemRef;
  reason: string;
}

export interface RestorePlan {
  sourceTenantId: string;
  targetTenantId: string;
  writes: PlannedWrite[];
  /** Items that need no write, or cannot be restored, or parts that are left out. */
  skipped: Decision[];
}

const NEW_VALUE = /\{new:([^{}]+)\}/g;
export const TEMPORARY_PASSWORD = '{temporary-password}';

/** Stands for the value Entra gives a re-created object in place of `oldValue`. */
export function newValueOf(oldValue: string): string {
  return `{new:${oldValue}}`;
}

/** The old values a write refers to through {new:…} placeholders. */
export function placeholdersIn(write: Pick<PlannedWrite, 'url' | 'body'>): string[] {
  const found = new Set<string>();
  const text = `${write.url} ${JSON.stringify(write.body ?? null)}`;
  for (const match of text.matchAll(NEW_VALUE)) found.add(match[1] as string);
  return [...found];
}

/** `value` with every {new:…} replaced through `map`; undefined when one is not known. */
export function fillPlaceholders<T>(value: T, map: ReadonlyMap<string, string>): T | undefined {
  let missing = false;
  const fill = (text: string) =>
    text.replace(NEW_VALUE, (whole, old: string) => {
      const replacement = map.get(old);
      if (replacement === undefined) missing = true;
      return replacement ?? whole;
    });
  const walk = (inner: unknown): unknown => {
    if (typeof inner === 'string') return fill(inner);
    if (Array.isArray(inner)) return inner.map(walk);
    if (inner !== null && typeof inner === 'object') {
      return Object.fromEntries(Object.entries(inner).map(([key, entry]) => [key, walk(entry)]));
    }
    return inner;
  };
  const filled = walk(value) as T;
  return missing ? undefined : filled;
}
