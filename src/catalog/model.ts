// What the catalog hands out: camelCase records built from table rows.
import type { Selectable } from 'kysely';
import type { ItemVersionsTable, SnapshotStatus, SnapshotsTable, TenantsTable } from './schema.js';

export type { SnapshotStatus };

export interface Tenant {
  id: string;
  displayName: string;
  repositoryLocation: string | null;
  createdAt: string;
}

export interface Snapshot {
  tenantId: string;
  workload: string;
  seq: number;
  repositorySnapshotId: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: SnapshotStatus;
  itemCount: number;
  addedCount: number;
  changedCount: number;
  removedCount: number;
  summary: unknown;
}

/** One item of a snapshot as the engine reports it. */
export interface ItemRecord {
  itemType: string;
  objectId: string;
  displayName: string | null;
  /** Equal hashes mean equal content: the object did not change. */
  versionHash: string;
  /** Where the repository keeps the item: its path in the snapshot. */
  contentRef: string;
}

/** One version of an object and the snapshots (seq range) it is present in. */
export interface ItemVersion extends ItemRecord {
  firstSeenSeq: number;
  lastSeenSeq: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface ItemChange {
  change: 'added' | 'removed' | 'changed';
  itemType: string;
  objectId: string;
  displayName: string | null;
  from?: ItemVersion;
  to?: ItemVersion;
}

export function tenantOf(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    displayName: row.display_name,
    repositoryLocation: row.repository_location,
    createdAt: row.created_at,
  };
}

export function snapshotOf(row: Selectable<SnapshotsTable>): Snapshot {
  return {
    tenantId: row.tenant_id,
    workload: row.workload,
    seq: row.seq,
    repositorySnapshotId: row.repository_snapshot_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    itemCount: row.item_count,
    addedCount: row.added_count,
    changedCount: row.changed_count,
    removedCount: row.removed_count,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as unknown),
  };
}

export function versionOf(row: Selectable<ItemVersionsTable>): ItemVersion {
  return {
    itemType: row.item_type,
    objectId: row.object_id,
    displayName: row.display_name,
    versionHash: row.version_hash,
    contentRef: row.content_ref,
    firstSeenSeq: row.first_seen_seq,
    lastSeenSeq: row.last_seen_seq,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}
