// What every part of tenant generation shares: the tenant being filled, its random
// source and clock, and helpers to store Graph-shaped objects and pick subsets quickly.
import type { DirectoryObject, DirectoryStore } from '../directory/store.js';
import type { Random } from '../random.js';
import type { Tenant } from '../tenant.js';

export const DAY_MS = 24 * 3600 * 1000;

/**
 * Strings built by concatenation are ropes that take about four times the memory of
 * their characters. Reading a character flattens a rope in place, and the garbage
 * collector then drops its parts: for a 100,000-user tenant that halves the heap.
 */
export function flattenStrings(value: unknown): void {
  if (typeof value === 'string') {
    value.charCodeAt(0);
  } else if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Array.isArray(value) ? value : Object.values(value)) flattenStrings(item);
  }
}

/**
 * Marks a value that many generated objects share (a sign-in location, say): frozen, so
 * nothing can change it in place for all of them at once, and already flat.
 */
export function shared<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) shared(item);
    flattenStrings(value);
    Object.freeze(value);
  }
  return value;
}

/**
 * A Graph entity as the store keeps it: the id is always present, and derived types carry
 * the `@odata.type` Graph returns (microsoft-graph-types leaves that annotation out).
 */
export type Stored<T> = T & { id: string; '@odata.type'?: string };

/** A value of a derived Graph type nested inside an entity, with its `@odata.type`. */
export type Typed<T> = T & { '@odata.type': string };

export function toDirectoryObject<T>(object: Stored<T>): DirectoryObject {
  return object as unknown as DirectoryObject;
}

const dayPrefixes = new Map<number, string>();

/**
 * An ISO 8601 UTC time to the second, as Graph writes directory timestamps. Generation
 * formats hundreds of thousands of them, so each day's date part is formatted once.
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  return `${prefix}${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}Z`;
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export class GenerationContext {
  readonly store: DirectoryStore;

  constructor(
    readonly tenant: Tenant,
    readonly random: Random,
    readonly now: number,
  ) {
    this.store = tenant.store;
  }

  get domain(): string {
    return this.tenant.info.defaultDomain;
  }

  seed<T>(collection: string, object: Stored<T>): void {
    flattenStrings(object);
    this.store.seed(collection, toDirectoryObject(object));
  }

  seedLinks(sourceId: string, relation: string, targetIds: Iterable<string>): void {
    for (const targetId of targetIds) this.store.seedLink(sourceId, relation, targetId);
  }

  /** A moment between `maxDaysAgo` and `minDaysAgo` days before now. */
  pastMs(maxDaysAgo: number, minDaysAgo = 0): number {
    return this.now - Math.floor((minDaysAgo + this.random.next() * (maxDaysAgo - minDaysAgo)) * DAY_MS);
  }

  pastIso(maxDaysAgo: number, minDaysAgo = 0): string {
    return iso(this.pastMs(maxDaysAgo, minDaysAgo));
  }
}

/**
 * `count` distinct elements of `values` in random order. Unlike Random.sample it does not
 * copy the whole list for small samples, which matters when thousands of groups each
 * draw a few members from 100,000 users.
 */
export function sampleOf<T>(random: Random, values: readonly T[], count: number): T[] {
  const n = Math.min(count, values.length);
  if (n * 4 > values.length) return random.sample(values, n);
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(Math.floor(random.next() * values.length));
  return [...chosen].map((index) => values[index] as T);
}

/** Picks by weight: `[[value, weight], ...]`. */
export function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, weight] of choices) total += weight;
  let roll = random.next() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (choices[choices.length - 1] as readonly [T, number])[0];
}

/** An opaque id shaped like the base64url ids Graph gives app role assignments and grants. */
export function opaqueId(random: Random): string {
  return Buffer.from(random.hex(64), 'hex').toString('base64url');
}
