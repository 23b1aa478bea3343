// Table shapes as Kysely sees them. Times are ISO-8601 UTC text on both engines: one
// representation that sorts correctly and reads back identically from SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface TenantsTable {
  id: string;
  display_name: string;
  repository_location: string | null;
  created_at: string;
}

export type SnapshotStatus = 'running' | 'succeeded' | 'partial' | 'failed';

export interface SnapshotsTable {
  id: Generated<number>;
  tenant_id: string;
  workload: string;
  /** 1, 2, 3… per tenant and workload, in the order the snapshots began. */
  seq: number;
  repository_snapshot_id: string | null;
  started_at: string;
  finished_at: string | null;
  status: SnapshotStatus;
  item_count: Generated<number>;
  added_count: Generated<number>;
  changed_count: Generated<number>;
  removed_count: Generated<number>;
  /** JSON text the engine attaches (per-type counts, request counters…). */
  summary: string | null;
  /** When retention removed it from the repository; forgotten snapshots are not listed. */
  forgotten_at: string | null;
  /** JSON [{itemType, count}] of a finished snapshot, recorded once (null: not yet). */
  type_counts: string | null;
}

/**
 * One version of one object, present in every snapshot of its tenant and workload whose
 * seq lies in [first_seen_seq, last_seen_seq]: an unchanged object costs an update of
 * last_seen per snapshot, never a row.
 */
export interface ItemVersionsTable {
  id: Generated<number>;
  tenant_id: string;
  workload: string;
  item_type: string;
  object_id: string;
  display_name: string | null;
  version_hash: string;
  content_ref: string;
  first_seen_seq: number;
  last_seen_seq: number;
  first_seen_at: string;
  last_seen_at: string;
}

export interface CatalogDatabase {
  tenants: TenantsTable;
  snapshots: SnapshotsTable;
  item_versions: ItemVersionsTable;
}
