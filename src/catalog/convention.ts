// What the engine writes into the repository so the catalog can be rebuilt from the
// repository alone (`tenantvault catalog rebuild`):
//
//   snapshot meta   { tenantId, workload, startedAt, finishedAt, status,
//                     tenantDisplayName?, summary? }            (SnapshotOptions.meta)
//   item metadata   { itemType, objectId, displayName, versionHash }  (NewItem.metadata)
//   content ref     the item's path in the snapshot (read back with
//                   repository.readItem(repositorySnapshotId, contentRef))
//
// Times are ISO-8601; status is 'succeeded', 'partial' or 'failed'. Snapshots without
// tenantId and workload (e.g. `repo backup-dir`) are not catalogued, nor are items whose
// metadata has no itemType (state such as delta tokens). Every snapshot lists every item
// of its workload: an item left out reads as removed, so a type that failed carries its
// previous items forward.
import type { SnapshotItem, SnapshotSummary } from '../repository/index.js';
import { CatalogError } from './errors.js';
import type { ItemRecord } from './model.js';
import type { FinishSnapshotInput } from './writes.js';

export interface CatalogSnapshotMeta {
  tenantId: string;
  workload: string;
  startedAt: string;
  finishedAt: string;
  status: FinishSnapshotInput['status'];
  tenantDisplayName?: string;
  summary?: unknown;
}

export interface CatalogItemMetadata {
  itemType: string;
  objectId: string;
  displayName: string | null;
  versionHash: string;
}

const FINISHED_STATUSES: readonly string[] = ['succeeded', 'partial', 'failed'];

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isTime = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

/** The catalog meta of a snapshot, or undefined for snapshots that are not the engine's. */
export function catalogSnapshotMeta(snapshot: SnapshotSummary): CatalogSnapshotMeta | undefined {
  const meta = snapshot.meta as Partial<Record<keyof CatalogSnapshotMeta, unknown>>;
  if (meta.tenantId === undefined && meta.workload === undefined) return undefined;
  const { tenantId, workload, startedAt, finishedAt, status, tenantDisplayName } = meta;
  if (
    !isString(tenantId) ||
    !isString(workload) ||
    !isTime(startedAt) ||
    !isTime(finishedAt) ||
    typeof status !== 'string' ||
    !FINISHED_STATUSES.includes(status) ||
    (tenantDisplayName !== undefined && typeof tenantDisplayName !== 'string')
  ) {
    throw new CatalogError(`snapshot ${snapshot.id} has incomplete catalog meta: ${JSON.stringify(meta)}`);
  }
  return {
    tenantId,
    workload,
    startedAt,
    finishedAt,
    status: status as CatalogSnapshotMeta['status'],
    tenantDisplayName,
    summary: meta.summary,
  };
}

/** The catalog record of a snapshot item, or undefined for items the catalog does not index. */
export function catalogItemRecord(snapshotId: string, item: SnapshotItem): ItemRecord | undefined {
  const metadata = (item.metadata ?? {}) as Partial<Record<keyof CatalogItemMetadata, unknown>>;
  if (metadata.itemType === undefined) return undefined;
  const { itemType, objectId, displayName, versionHash } = metadata;
  if (
    !isString(itemType) ||
    !isString(objectId) ||
    !isString(versionHash) ||
    (displayName !== null && typeof displayName !== 'string')
  ) {
    throw new CatalogError(`item ${item.path} of snapshot ${snapshotId} has incomplete catalog metadata`);
  }
  return { itemType, objectId, displayName, versionHash, contentRef: item.path };
}
