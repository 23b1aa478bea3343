// The catalog: the metadata index of a tenant's backups (tenants, snapshots, item
// versions) that makes listing, history and diff fast. The repository stays the truth;
// everything here can be rebuilt from it (rebuild.ts).
import type { Kysely } from 'kysely';
import { connect, type ConnectOptions, type Engine } from './connection.js';
import { migrateToLatest } from './migrations.js';
import {
  tenantOf,
  type ItemChange,
  type ItemRecord,
  type ItemVersion,
  type Snapshot,
  type Tenant,
} from './model.js';
import * as queries from './queries.js';
import type { ItemPage, ListItemsOptions, TypeCount } from './queries.js';
import type { CatalogDatabase } from './schema.js';
import * as writes from './writes.js';
import type {
  BeginSnapshotInput,
  CarriedItems,
  FinishSnapshotInput,
  RecordResult,
  TenantInput,
} from './writes.js';

export class Catalog {
  private constructor(
    private readonly db: Kysely<CatalogDatabase>,
    readonly engine: Engine,
  ) {}

  /** A file path or sqlite:<path> (SQLite), or postgres://… (PostgreSQL). Call migrate() before use. */
  static open(url: string, options?: ConnectOptions): Catalog {
    const { db, engine } = connect(url, options);
    return new Catalog(db, engine);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** Brings the schema up to date; safe to run on every start and from several processes. */
  async migrate(): Promise<void> {
    await migrateToLatest(this.db, this.engine);
  }

  upsertTenant(tenant: TenantInput): Promise<void> {
    return writes.upsertTenant(this.db, tenant);
  }

  async tenant(id: string): Promise<Tenant | undefined> {
    const row = await this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
    return row && tenantOf(row);
  }

  /** Forgets a tenant's snapshots and versions, keeping the tenant. */
  clearTenant(tenantId: string): Promise<void> {
    return writes.clearTenant(this.db, tenantId);
  }

  beginSnapshot(input: BeginSnapshotInput): Promise<{ seq: number }> {
    return writes.beginSnapshot(this.db, input);
  }

  recordItems(
    tenantId: string,
    workload: string,
    seq: number,
    items: AsyncIterable<ItemRecord> | Iterable<ItemRecord>,
  ): Promise<RecordResult> {
    return writes.recordItems(this.db, tenantId, workload, seq, items);
  }

  /**
   * Extends in bulk the versions a snapshot carries unchanged from seq-1; its other items
   * then go through recordItems. Undefined when seq-1 is not the snapshot they came from.
   */
  recordCarried(
    tenantId: string,
    workload: string,
    seq: number,
    carried: CarriedItems,
  ): Promise<number | undefined> {
    return writes.recordCarried(this.db, tenantId, workload, seq, carried);
  }

  /** Undoes what has been recorded of a running snapshot, so its recording can start over. */
  restartRecording(tenantId: string, workload: string, seq: number): Promise<void> {
    return writes.restartRecording(this.db, tenantId, workload, seq);
  }

  finishSnapshot(
    tenantId: string,
    workload: string,
    seq: number,
    input: FinishSnapshotInput,
  ): Promise<Snapshot> {
    return writes.finishSnapshot(this.db, tenantId, workload, seq, input);
  }

  abandonSnapshot(tenantId: string, workload: string, seq: number): Promise<void> {
    return writes.abandonSnapshot(this.db, tenantId, workload, seq);
  }

  forgetSnapshots(
    tenantId: string,
    repositorySnapshotIds: readonly string[],
    at = new Date(),
  ): Promise<number> {
    return writes.forgetSnapshots(this.db, tenantId, repositorySnapshotIds, at);
  }

  listSnapshots(tenantId: string, workload?: string): Promise<Snapshot[]> {
    return queries.listSnapshots(this.db, tenantId, workload);
  }

  snapshot(tenantId: string, workload: string, seq: number): Promise<Snapshot> {
    return queries.getSnapshot(this.db, tenantId, workload, seq);
  }

  listItems(tenantId: string, workload: string, seq: number, options?: ListItemsOptions): Promise<ItemPage> {
    return queries.listItems(this.db, tenantId, workload, seq, options);
  }

  countsByType(tenantId: string, workload: string, seq: number): Promise<TypeCount[]> {
    return queries.countsByType(this.db, tenantId, workload, seq);
  }

  history(tenantId: string, workload: string, objectId: string, itemType?: string): Promise<ItemVersion[]> {
    return queries.history(this.db, tenantId, workload, objectId, itemType);
  }

  latestVersion(
    tenantId: string,
    workload: string,
    itemType: string,
    objectId: string,
  ): Promise<ItemVersion | undefined> {
    return queries.latestVersion(this.db, tenantId, workload, itemType, objectId);
  }

  diff(
    tenantId: string,
    workload: string,
    fromSeq: number,
    toSeq: number,
    startAfter?: { itemType: string; objectId: string },
  ): AsyncGenerator<ItemChange> {
    return queries.diff(this.db, tenantId, workload, fromSeq, toSeq, startAfter);
  }
}
