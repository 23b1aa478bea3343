// Comparing two snapshots of a tenant's directory. The catalog says which items differ
// (by version hash, never reading unchanged ones); both versions of each changed object
// are read from the repository for their property and relationship changes, and log
// days are summarised by their entries. Streamed in (type, id) order.
import type { Catalog, ItemVersion } from '../../catalog/index.js';
import type { Repository } from '../../repository/index.js';
import { DIRECTORY_WORKLOAD, type DirectoryType } from '../../workloads/directory/item.js';
import type { ReadableSnapshot } from '../snapshot-reference.js';
import { knownType, matchesFilter, storedDifference, type ComparedItem, type ItemFilter } from './changes.js';
import type { StoredVersion } from './stored-items.js';

export interface SnapshotComparison {
  catalog: Catalog;
  repository: Repository;
  tenantId: string;
  from: ReadableSnapshot;
  to: ReadableSnapshot;
  filter?: ItemFilter;
  /** Resume after this item (the last of the previous page). */
  startAfter?: { type: DirectoryType; id: string };
}

function storedIn(snapshot: ReadableSnapshot, version: ItemVersion | undefined): StoredVersion | undefined {
  return version && { snapshotId: snapshot.repositorySnapshotId, path: version.contentRef };
}

export async function* compareSnapshots(comparison: SnapshotComparison): AsyncGenerator<ComparedItem> {
  const { catalog, repository, tenantId, from, to, filter = {}, startAfter } = comparison;
  const start = startAfter && { itemType: startAfter.type, objectId: startAfter.id };
  for await (const change of catalog.diff(tenantId, DIRECTORY_WORKLOAD, from.seq, to.seq, start)) {
    const type = knownType(change.itemType);
    if (!matchesFilter(filter, type, change.objectId)) continue;
    const detail = await storedDifference(
      repository,
      type,
      storedIn(from, change.from),
      storedIn(to, change.to),
    );
    if (!detail) continue;
    yield {
      change: change.change,
      type,
      id: change.objectId,
      displayName: change.displayName,
      ...detail,
    };
  }
}
