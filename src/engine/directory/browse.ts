// Browsing one snapshot of a tenant's directory: its objects from the catalog, page by
// page so listings of any size stream, and one stored item from the repository.
import type { Catalog, ItemVersion } from '../../catalog/index.js';
import { ItemNotFoundError, type Repository, type SnapshotItem } from '../../repository/index.js';
import {
  DIRECTORY_TYPES,
  DIRECTORY_WORKLOAD,
  itemPath,
  type DirectoryType,
} from '../../workloads/directory/item.js';
import { BadReferenceError, type ReadableSnapshot } from '../snapshot-reference.js';
import { StoredItemError } from './stored-items.js';

const LIST_PAGE_SIZE = 1000;

export interface ObjectQuery {
  type?: DirectoryType;
  /** Case-insensitive part of the display name or id. */
  search?: string;
}

/** The items a snapshot holds, in (type, id) order. */
export async function* snapshotObjects(
  catalog: Catalog,
  tenantId: string,
  snapshot: ReadableSnapshot,
  query: ObjectQuery = {},
): AsyncGenerator<ItemVersion> {
  let cursor: string | undefined;
  do {
    const page = await catalog.listItems(tenantId, DIRECTORY_WORKLOAD, snapshot.seq, {
      itemType: query.type,
      search: query.search,
      limit: LIST_PAGE_SIZE,
      cursor,
    });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

export interface FoundItem {
  type: DirectoryType;
  item: SnapshotItem;
}

/**
 * An object (or log day) of a snapshot by id, read from the repository alone. Without a
 * type every type's path is looked up: an id that several types hold (a day of both
 * logs) must be given its type.
 */
export async function findStoredItem(
  repository: Repository,
  snapshot: ReadableSnapshot,
  objectId: string,
  type?: DirectoryType,
): Promise<FoundItem> {
  const found: FoundItem[] = [];
  for (const candidate of type ? [type] : DIRECTORY_TYPES) {
    const path = itemPath(candidate, objectId);
    try {
      found.push({ type: candidate, item: await repository.findItem(snapshot.repositorySnapshotId, path) });
    } catch (error) {
      if (!(error instanceof ItemNotFoundError))
        throw new StoredItemError(path, snapshot.repositorySnapshotId, error);
    }
  }
  if (found.length === 1) return found[0]!;
  throw new BadReferenceError(
    found.length === 0
      ? `snapshot ${snapshot.seq} holds no ${type ?? 'item'} with id ${objectId}`
      : `snapshot ${snapshot.seq} holds ${objectId} as ${found.map((each) => each.type).join(' and ')}: choose a type`,
  );
}
