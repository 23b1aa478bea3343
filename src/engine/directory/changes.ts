// One compared item, whichever two sides are compared (two snapshots, a snapshot and the
// live tenant, consecutive versions of one object): objects carry their property and
// relationship changes, log days the entries on each side.
import type { Repository } from '../../repository/index.js';
import {
  diffItems,
  isUnchanged,
  type PropertyChange,
  type RelationshipChange,
} from '../../workloads/directory/attribute-diff.js';
import { isDirectoryType, LOG_TYPES, type DirectoryType } from '../../workloads/directory/item.js';
import { countLogEntries } from '../../workloads/directory/log-day.js';
import { readDirectoryItem, storedContent, type StoredVersion } from './stored-items.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** Entries of a log day on each side; the difference is the entries added. */
export interface EntryCounts {
  before: number;
  after: number;
}

/** What differs in one item; objects use properties and relationships, log days entries. */
export interface ChangeDetail {
  properties?: PropertyChange[];
  relationships?: RelationshipChange[];
  entries?: EntryCounts;
}

export interface ComparedItem extends ChangeDetail {
  change: ChangeKind;
  type: DirectoryType;
  /** The object id, or the day (YYYY-MM-DD) of a log item. */
  id: string;
  displayName: string | null;
}

/** Which items a comparison or listing reports: all when a set is absent. */
export interface ItemFilter {
  types?: ReadonlySet<DirectoryType>;
  ids?: ReadonlySet<string>;
}

export function matchesFilter(filter: ItemFilter, type: DirectoryType, id: string): boolean {
  return (!filter.types || filter.types.has(type)) && (!filter.ids || filter.ids.has(id));
}

/** A catalog item type as a directory type; anything else was written by a newer tenantvault. */
export function knownType(itemType: string): DirectoryType {
  if (isDirectoryType(itemType)) return itemType;
  throw new Error(`the snapshot holds items of type "${itemType}", which this tenantvault does not know`);
}

async function entriesOf(repository: Repository, version: StoredVersion | undefined): Promise<number> {
  return version ? countLogEntries(storedContent(repository, version.snapshotId, version.path)) : 0;
}

/**
 * How two stored versions of an item differ (either may be absent: added or removed).
 * Undefined when two object versions differ only in properties that change on their own.
 */
export async function storedDifference(
  repository: Repository,
  type: DirectoryType,
  from: StoredVersion | undefined,
  to: StoredVersion | undefined,
): Promise<ChangeDetail | undefined> {
  if (LOG_TYPES.has(type)) {
    return { entries: { before: await entriesOf(repository, from), after: await entriesOf(repository, to) } };
  }
  if (!from || !to) return {};
  const difference = diffItems(
    await readDirectoryItem(repository, from),
    await readDirectoryItem(repository, to),
  );
  return isUnchanged(difference) ? undefined : difference;
}
