// The history of one directory object (or log day) across a tenant's snapshots: each
// version the catalog recorded with the snapshots that held it, and on request what
// changed from the version before, read from the repository.
import type { Catalog, ItemVersion } from '../../catalog/index.js';
import type { Repository } from '../../repository/index.js';
import { DIRECTORY_WORKLOAD, type DirectoryType } from '../../workloads/directory/item.js';
import { BadReferenceError, readableSnapshots, type ReadableSnapshot } from '../snapshot-reference.js';
import { knownType, storedDifference, type ChangeDetail } from './changes.js';
import type { StoredVersion } from './stored-items.js';

export interface HistoryVersion {
  displayName: string | null;
  versionHash: string;
  /** The snapshots that hold this version: firstSeenSeq to lastSeenSeq. */
  firstSeenSeq: number;
  lastSeenSeq: number;
  firstSeenAt: string;
  lastSeenAt: string;
  /** With changes requested: how it differs from the version before (absent for the first). */
  changes?: ChangeDetail;
}

export interface ObjectHistory {
  type: DirectoryType;
  id: string;
  /** Oldest first. Snapshots between two versions' seq ranges did not hold the object. */
  versions: HistoryVersion[];
  /** The newest finished snapshot; a last version seen before it means the object is gone. */
  latestSeq: number;
}

export interface HistoryRequest {
  catalog: Catalog;
  repository: Repository;
  tenantId: string;
  objectId: string;
  type?: DirectoryType;
  withChanges: boolean;
}

/** Where a version can be read: the first finished snapshot of its seq range. */
function storedVersion(snapshots: readonly ReadableSnapshot[], version: ItemVersion): StoredVersion {
  const holder = snapshots.find(
    (snapshot) => snapshot.seq >= version.firstSeenSeq && snapshot.seq <= version.lastSeenSeq,
  );
  if (!holder) {
    throw new Error(
      `no finished snapshot holds version ${version.versionHash} of ${version.objectId} (snapshots ${version.firstSeenSeq}-${version.lastSeenSeq})`,
    );
  }
  return { snapshotId: holder.repositorySnapshotId, path: version.contentRef };
}

export async function objectHistory(request: HistoryRequest): Promise<ObjectHistory> {
  const { catalog, repository, tenantId, objectId } = request;
  const snapshots = readableSnapshots(await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD));
  const versions = await catalog.history(tenantId, DIRECTORY_WORKLOAD, objectId, request.type);
  const types = [...new Set(versions.map((version) => version.itemType))];
  if (types.length === 0) {
    throw new BadReferenceError(
      `no snapshot of this tenant holds ${request.type ? `${request.type} ` : ''}${objectId}`,
    );
  }
  if (types.length > 1) {
    throw new BadReferenceError(`${objectId} is an id of several types (${types.join(', ')}): choose one`);
  }
  const type = knownType(types[0]!);
  const history: HistoryVersion[] = [];
  for (const [index, version] of versions.entries()) {
    const previous = versions[index - 1];
    const entry: HistoryVersion = {
      displayName: version.displayName,
      versionHash: version.versionHash,
      firstSeenSeq: version.firstSeenSeq,
      lastSeenSeq: version.lastSeenSeq,
      firstSeenAt: version.firstSeenAt,
      lastSeenAt: version.lastSeenAt,
    };
    if (request.withChanges && previous) {
      entry.changes =
        (await storedDifference(
          repository,
          type,
          storedVersion(snapshots, previous),
          storedVersion(snapshots, version),
        )) ?? {};
    }
    history.push(entry);
  }
  return { type, id: objectId, versions: history, latestSeq: snapshots.at(-1)?.seq ?? 0 };
}
