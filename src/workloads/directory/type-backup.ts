// What backing up one item type takes and gives: the Graph client, where items go, the
// previous snapshot's items of the type, the state it left (delta link, log watermark);
// and back, the type's summary and the state for next time. A type whose Graph reads fail
// does not fail the backup: its previous items are carried and its error reported.
import { GraphRequestError, type GraphClient } from '../../graph/index.js';
import type { SnapshotItem } from '../../repository/index.js';
import type { DirectoryType } from './item.js';
import type { ReadMode, TypeSummary } from './snapshot-meta.js';
import { TypeWriter, type ItemSink } from './type-writer.js';

/** The previous snapshot, as far as one backup reads it. */
export interface PreviousItems {
  /** Its items of one type. */
  itemsOf(type: DirectoryType): AsyncIterable<SnapshotItem>;
  /** An item's content, chunk by chunk. */
  content(item: SnapshotItem): AsyncIterable<Buffer>;
}

export interface TypeBackupInput {
  graph: GraphClient;
  sink: ItemSink;
  /** The previous snapshot, when it holds every item of the type. */
  previous?: PreviousItems;
  /** The delta link the previous snapshot left for the type. */
  deltaLink?: string;
  /** The newest log entry time the previous snapshot kept. */
  watermark?: string;
  /**
   * For a type listed by owner: the owners (by the type's owner property) added, changed
   * or removed since the previous snapshot, as their type's delta reported them. Only
   * their objects are listed again; without it every object is listed.
   */
  ownerChanges?: ReadonlySet<string>;
  /** For a log type: one day's new entries held in memory before the rest are sorted on disk. */
  logDayMemoryBytes?: number;
  /** How many items of the type are written so far. */
  onItems(items: number): void;
}

export interface TypeBackupOutcome {
  summary: TypeSummary;
  /** Continues from this snapshot's items of the type. */
  deltaLink?: string;
  watermark?: string;
  /**
   * For an owner type read by delta without error: the owner property's values of the
   * objects delta reported, for the type its objects own (the deviceIds of changed devices).
   */
  ownerChanges?: ReadonlySet<string>;
}

/** Graph answered in a way the backup cannot use (an answer out of order, a missing delta link). */
export class DirectoryReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryReadError';
  }
}

/** Failures that end one type's reading, not the backup: Graph refused or kept failing. */
export function isTypeFailure(error: unknown): boolean {
  return error instanceof GraphRequestError || error instanceof DirectoryReadError;
}

/**
 * The previous snapshot's items of a type, kept as they were: for a type not selected this
 * time, or one whose reading failed before it wrote anything.
 */
export async function carryPrevious(
  type: DirectoryType,
  mode: ReadMode,
  input: TypeBackupInput,
  error?: unknown,
): Promise<TypeBackupOutcome> {
  const writer = new TypeWriter(type, mode, input.sink, input.onItems);
  for await (const item of input.previous?.itemsOf(type) ?? []) await writer.carry(item);
  return { summary: writer.finish(error), deltaLink: input.deltaLink, watermark: input.watermark };
}
