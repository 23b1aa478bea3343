// The meta of a directory snapshot (docs/directory-backup.md): the catalog convention's
// fields, a summary of what each type's backup did, and the state the next backup
// continues from (delta links, log watermarks, the types covered).
import type { CatalogSnapshotMeta } from '../../catalog/index.js';
import { isDirectoryType, type DirectoryType } from './item.js';

/** How a type's items were read in one backup. */
export type ReadMode =
  /** Changes since the stored delta link; unchanged objects carried. */
  | 'delta'
  /** Every object listed (first backup, a type without delta, or an expired delta link). */
  | 'full'
  /** Log entries since the stored watermark; older days carried. */
  | 'watermark'
  /** Objects of the owners their type's delta reported listed again; the others carried. */
  | 'owners'
  /** Not selected this time: the previous snapshot's items carried unchanged. */
  | 'carried';

/** What one type's backup did; items = added + changed + carried. */
export interface TypeSummary {
  mode: ReadMode;
  items: number;
  added: number;
  changed: number;
  removed: number;
  /** Items whose content equals the previous snapshot's. */
  carried: number;
  /** Why the type failed (its previous items were carried), or null. */
  error: string | null;
}

export interface RequestSummary {
  ok: number;
  throttled: number;
  retried: number;
  failed: number;
  /**
   * Stored delta links Graph refused as expired: the types were listed in full instead, so
   * these are handled, not failed. Absent from snapshots of earlier versions, which counted
   * them as failed.
   */
  expiredDeltaLinks: number;
}

export interface DirectorySnapshotSummary {
  types: Partial<Record<DirectoryType, TypeSummary>>;
  requests: RequestSummary;
}

export interface DirectorySnapshotState {
  /** Per type, the delta link that continues from this snapshot's items. */
  deltaLinks: Partial<Record<DirectoryType, string>>;
  /** Per log type, the newest entry time kept. */
  logWatermarks: Partial<Record<DirectoryType, string>>;
  /**
   * Per type read by delta or by owner, when it was last listed whole. Delta does not
   * report every relationship change (owners, registered owners and users, app role
   * assignments of a deleted principal), nor an owned object added while its owner stayed
   * as it was (a BitLocker key escrowed again), so such types are listed whole again now
   * and then.
   */
  fullListings: Partial<Record<DirectoryType, string>>;
  /** The item types the snapshot holds every item of. */
  types: DirectoryType[];
}

export interface DirectorySnapshotMeta extends CatalogSnapshotMeta {
  tenantDisplayName: string;
  summary: DirectorySnapshotSummary;
  state: DirectorySnapshotState;
}

function stringsByType(value: unknown): Partial<Record<DirectoryType, string>> {
  const result: Partial<Record<DirectoryType, string>> = {};
  if (value === null || typeof value !== 'object') return result;
  for (const [type, text] of Object.entries(value)) {
    if (isDirectoryType(type) && typeof text === 'string') result[type] = text;
  }
  return result;
}

/** The state a snapshot's meta carries; anything missing or malformed reads as "start from scratch". */
export function stateOf(meta: Record<string, unknown>): DirectorySnapshotState {
  const state = (meta.state ?? {}) as Record<string, unknown>;
  const types = Array.isArray(state.types) ? state.types : [];
  return {
    deltaLinks: stringsByType(state.deltaLinks),
    logWatermarks: stringsByType(state.logWatermarks),
    fullListings: stringsByType(state.fullListings),
    types: types.filter((type): type is DirectoryType => typeof type === 'string' && isDirectoryType(type)),
  };
}
