// Recording snapshots: a snapshot begins, its items stream in batches, it finishes (or is
// abandoned). Each batch is one transaction, so memory stays bounded by the batch size
// and an interrupted recording leaves whole batches behind.
import { type Insertable, type Kysely, type Transaction } from 'kysely';
import { CatalogError } from './errors.js';
import { snapshotOf, type ItemRecord, type Snapshot, type SnapshotStatus } from './model.js';
import { countPresentByType, unindexed, type TypeCount } from './presence.js';
import type { CatalogDatabase, ItemVersionsTable } from './schema.js';

type Db = Kysely<CatalogDatabase>;

/** Items per transaction: large enough to amortize a commit, small enough for any parameter limit. */
export const RECORD_BATCH_SIZE = 500;

export interface TenantInput {
  id: string;
  displayName: string;
  repositoryLocation?: string | null;
  createdAt?: Date;
}

export interface BeginSnapshotInput {
  tenantId: string;
  workload: string;
  /** Known when the catalog is filled after the repository commit (or rebuilt); else given to finishSnapshot. */
  repositorySnapshotId?: string;
  startedAt: Date;
}

export interface FinishSnapshotInput {
  status: Exclude<SnapshotStatus, 'running'>;
  finishedAt: Date;
  repositorySnapshotId?: string;
  summary?: unknown;
}

export interface RecordResult {
  items: number;
  added: number;
  changed: number;
}

export async function upsertTenant(db: Db, tenant: TenantInput): Promise<void> {
  await db
    .insertInto('tenants')
    .values({
      id: tenant.id,
      display_name: tenant.displayName,
      repository_location: tenant.repositoryLocation ?? null,
      created_at: (tenant.createdAt ?? new Date()).toISOString(),
    })
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => ({
        display_name: eb.ref('excluded.display_name'),
        repository_location: eb.ref('excluded.repository_location'),
      })),
    )
    .execute();
}

/** Removes a tenant's snapshots and versions (the tenant row stays). */
export async function clearTenant(db: Db, tenantId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('item_versions').where('tenant_id', '=', tenantId).execute();
    await trx.deleteFrom('snapshots').where('tenant_id', '=', tenantId).execute();
  });
}

/** The row of snapshot `seq`, if there is one. */
function findSnapshotRow(
  db: Db | Transaction<CatalogDatabase>,
  tenantId: string,
  workload: string,
  seq: number,
) {
  return db
    .selectFrom('snapshots')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('workload', '=', workload)
    .where('seq', '=', seq)
    .executeTakeFirst();
}

export async function snapshotRow(
  db: Db | Transaction<CatalogDatabase>,
  tenantId: string,
  workload: string,
  seq: number,
) {
  const row = await findSnapshotRow(db, tenantId, workload, seq);
  if (!row) throw new CatalogError(`no snapshot ${seq} of ${workload} for tenant ${tenantId}`);
  return row;
}

async function runningSnapshot(
  db: Db | Transaction<CatalogDatabase>,
  tenantId: string,
  workload: string,
  seq: number,
) {
  const row = await snapshotRow(db, tenantId, workload, seq);
  if (row.status !== 'running') {
    throw new CatalogError(`snapshot ${seq} of ${workload} for tenant ${tenantId} is already ${row.status}`);
  }
  return row;
}

/**
 * Starts the next snapshot of a tenant's workload. Items are compared with the snapshot
 * before it, so only one may run at a time per tenant and workload.
 */
export async function beginSnapshot(db: Db, input: BeginSnapshotInput): Promise<{ seq: number }> {
  return db.transaction().execute(async (trx) => {
    const running = await trx
      .selectFrom('snapshots')
      .select('seq')
      .where('tenant_id', '=', input.tenantId)
      .where('workload', '=', input.workload)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (running) {
      throw new CatalogError(
        `snapshot ${running.seq} of ${input.workload} for tenant ${input.tenantId} is still running; finish or abandon it first`,
      );
    }
    const { last } = await trx
      .selectFrom('snapshots')
      .select((eb) => eb.fn.max('seq').as('last'))
      .where('tenant_id', '=', input.tenantId)
      .where('workload', '=', input.workload)
      .executeTakeFirstOrThrow();
    const seq = (last ?? 0) + 1;
    await trx
      .insertInto('snapshots')
      .values({
        tenant_id: input.tenantId,
        workload: input.workload,
        seq,
        repository_snapshot_id: input.repositorySnapshotId ?? null,
        started_at: input.startedAt.toISOString(),
        status: 'running',
      })
      .execute();
    return { seq };
  });
}

/**
 * Records items of a running snapshot. An item whose hash equals its version in the
 * previous snapshot extends that version; any other item starts a new version. Recording
 * the same item again with the same hash is a no-op, so a resumed backup may repeat items.
 */
export async function recordItems(
  db: Db,
  tenantId: string,
  workload: string,
  seq: number,
  items: AsyncIterable<ItemRecord> | Iterable<ItemRecord>,
): Promise<RecordResult> {
  const seenAt = (await runningSnapshot(db, tenantId, workload, seq)).started_at;
  const total: RecordResult = { items: 0, added: 0, changed: 0 };
  let batch: ItemRecord[] = [];
  const flush = async () => {
    const result = await recordBatch(db, { tenantId, workload, seq, seenAt }, batch);
    total.items += result.items;
    total.added += result.added;
    total.changed += result.changed;
    batch = [];
  };
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= RECORD_BATCH_SIZE) await flush();
  }
  if (batch.length > 0) await flush();
  return total;
}

interface BatchTarget {
  tenantId: string;
  workload: string;
  seq: number;
  seenAt: string;
}

const keyOf = (itemType: string, objectId: string) => `${itemType}\0${objectId}`;

/** The batch without repeats; an object twice with different content is an engine bug. */
function distinctItems(batch: ItemRecord[]): ItemRecord[] {
  const byKey = new Map<string, ItemRecord>();
  for (const item of batch) {
    const key = keyOf(item.itemType, item.objectId);
    const earlier = byKey.get(key);
    if (earlier && earlier.versionHash !== item.versionHash) throw conflictingRecord(item);
    byKey.set(key, item);
  }
  return [...byKey.values()];
}

function conflictingRecord(item: ItemRecord): CatalogError {
  return new CatalogError(
    `${item.itemType} ${item.objectId} was recorded twice in one snapshot with different content`,
  );
}

async function recordBatch(db: Db, target: BatchTarget, batch: ItemRecord[]): Promise<RecordResult> {
  const { tenantId, workload, seq, seenAt } = target;
  const items = distinctItems(batch);
  return db.transaction().execute(async (trx) => {
    const known = await trx
      .selectFrom('item_versions')
      .select(['id', 'item_type', 'object_id', 'version_hash', 'last_seen_seq'])
      .where('tenant_id', '=', tenantId)
      .where('workload', '=', workload)
      .where(
        'object_id',
        'in',
        items.map((item) => item.objectId),
      )
      // By object, never by the last_seen index: without statistics SQLite prefers that
      // index and would scan every version of the previous snapshot for each batch. The
      // unary plus (valid SQL on both engines) keeps the column out of index choice.
      .where(unindexed('last_seen_seq'), 'in', [seq - 1, seq])
      .execute();
    const previous = new Map<string, (typeof known)[number]>();
    const recorded = new Map<string, (typeof known)[number]>();
    for (const row of known) {
      (row.last_seen_seq === seq ? recorded : previous).set(keyOf(row.item_type, row.object_id), row);
    }

    const extended: number[] = [];
    const inserted: Insertable<ItemVersionsTable>[] = [];
    const result: RecordResult = { items: 0, added: 0, changed: 0 };
    for (const item of items) {
      const key = keyOf(item.itemType, item.objectId);
      const already = recorded.get(key);
      if (already) {
        if (already.version_hash !== item.versionHash) throw conflictingRecord(item);
        continue;
      }
      result.items += 1;
      const before = previous.get(key);
      if (before?.version_hash === item.versionHash) {
        extended.push(before.id);
        continue;
      }
      if (before) result.changed += 1;
      else result.added += 1;
      inserted.push({
        tenant_id: tenantId,
        workload,
        item_type: item.itemType,
        object_id: item.objectId,
        display_name: item.displayName,
        version_hash: item.versionHash,
        content_ref: item.contentRef,
        first_seen_seq: seq,
        last_seen_seq: seq,
        first_seen_at: seenAt,
        last_seen_at: seenAt,
      });
    }

    if (extended.length > 0) {
      await trx
        .updateTable('item_versions')
        .set({ last_seen_seq: seq, last_seen_at: seenAt })
        .where('id', 'in', extended)
        .execute();
    }
    if (inserted.length > 0) await trx.insertInto('item_versions').values(inserted).execute();
    await trx
      .updateTable('snapshots')
      .set((eb) => ({
        item_count: eb('item_count', '+', result.items),
        added_count: eb('added_count', '+', result.added),
        changed_count: eb('changed_count', '+', result.changed),
      }))
      .where('tenant_id', '=', tenantId)
      .where('workload', '=', workload)
      .where('seq', '=', seq)
      .execute();
    return result;
  });
}

/** Items of a snapshot that continue the snapshot before it unchanged, described by exception. */
export interface CarriedItems {
  /** The repository snapshot they were carried from: it must be the one recorded as seq - 1. */
  fromRepositorySnapshotId: string;
  /** Item types whose every object of seq - 1 is carried, but for `except`. */
  itemTypes: readonly string[];
  /** Objects of those types that are not carried: changed, added or removed. */
  except: Iterable<{ itemType: string; objectId: string }>;
}

/**
 * Extends in bulk the versions of snapshot seq-1 that a running snapshot carries
 * unchanged: every version of the named types, then the exceptions set back to end at
 * seq-1. Added and changed items are then recorded by recordItems; removed ones are what
 * nothing continued, as always. One transaction, so a repeat changes nothing. Returns how
 * many versions were carried, or undefined (nothing done) when seq-1 is not the snapshot
 * they were carried from.
 */
export async function recordCarried(
  db: Db,
  tenantId: string,
  workload: string,
  seq: number,
  carried: CarriedItems,
): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const { started_at: seenAt } = await runningSnapshot(trx, tenantId, workload, seq);
    const previous = await findSnapshotRow(trx, tenantId, workload, seq - 1);
    if (previous?.repository_snapshot_id !== carried.fromRepositorySnapshotId) return undefined;
    let count = 0;
    if (carried.itemTypes.length > 0) {
      const extended = await trx
        .updateTable('item_versions')
        .set({ last_seen_seq: seq, last_seen_at: seenAt })
        .where('tenant_id', '=', tenantId)
        .where('workload', '=', workload)
        .where('last_seen_seq', '=', seq - 1)
        .where('item_type', 'in', [...carried.itemTypes])
        .executeTakeFirst();
      count += Number(extended.numUpdatedRows);
    }
    for (const [itemType, objectIds] of exceptionsByType(carried)) {
      for (let start = 0; start < objectIds.length; start += RECORD_BATCH_SIZE) {
        const restored = await trx
          .updateTable('item_versions')
          .set({ last_seen_seq: seq - 1, last_seen_at: previous.started_at })
          .where('tenant_id', '=', tenantId)
          .where('workload', '=', workload)
          .where('item_type', '=', itemType)
          .where('object_id', 'in', objectIds.slice(start, start + RECORD_BATCH_SIZE))
          .where(unindexed('last_seen_seq'), '=', seq)
          .where('first_seen_seq', '<', seq)
          .executeTakeFirst();
        count -= Number(restored.numUpdatedRows);
      }
    }
    await trx
      .updateTable('snapshots')
      .set((eb) => ({ item_count: eb('item_count', '+', count) }))
      .where('tenant_id', '=', tenantId)
      .where('workload', '=', workload)
      .where('seq', '=', seq)
      .execute();
    return count;
  });
}

/** The exceptions of the carried types, grouped by type. */
function exceptionsByType(carried: CarriedItems): Map<string, string[]> {
  const types = new Set(carried.itemTypes);
  const byType = new Map<string, string[]>();
  for (const { itemType, objectId } of carried.except) {
    if (!types.has(itemType)) continue;
    const ids = byType.get(itemType) ?? [];
    ids.push(objectId);
    byType.set(itemType, ids);
  }
  return byType;
}

/**
 * Ends a running snapshot. Versions of the previous snapshot that no item continued are
 * the removed objects; every snapshot lists every item, so absence means deletion.
 */
export async function finishSnapshot(
  db: Db,
  tenantId: string,
  workload: string,
  seq: number,
  input: FinishSnapshotInput,
): Promise<Snapshot> {
  return db.transaction().execute(async (trx) => {
    const row = await runningSnapshot(trx, tenantId, workload, seq);
    const { removed } = await trx
      .selectFrom('item_versions as gone')
      .select((eb) => eb.fn.countAll<number>().as('removed'))
      .where('gone.tenant_id', '=', tenantId)
      .where('gone.workload', '=', workload)
      .where('gone.last_seen_seq', '=', seq - 1)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('item_versions as next')
              .select('next.id')
              .whereRef('next.tenant_id', '=', 'gone.tenant_id')
              .whereRef('next.workload', '=', 'gone.workload')
              .whereRef('next.object_id', '=', 'gone.object_id')
              .whereRef('next.item_type', '=', 'gone.item_type')
              .where('next.last_seen_seq', '=', seq),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    const finished = await trx
      .updateTable('snapshots')
      .set({
        status: input.status,
        finished_at: input.finishedAt.toISOString(),
        removed_count: Number(removed),
        repository_snapshot_id: input.repositorySnapshotId ?? row.repository_snapshot_id,
        summary: input.summary === undefined ? null : JSON.stringify(input.summary),
        type_counts: JSON.stringify(await countPresentByType(trx, tenantId, workload, seq)),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return snapshotOf(finished);
  });
}

/** Keeps a finished snapshot's per-type counts on its row. */
export async function recordTypeCounts(db: Db, snapshotId: number, counts: TypeCount[]): Promise<void> {
  await db
    .updateTable('snapshots')
    .set({ type_counts: JSON.stringify(counts) })
    .where('id', '=', snapshotId)
    .execute();
}

/**
 * Takes back what recording has done to a snapshot: its new versions go, versions it
 * extended end where they did before, its counts are zero again.
 */
async function undoRecording(
  trx: Transaction<CatalogDatabase>,
  tenantId: string,
  workload: string,
  seq: number,
): Promise<void> {
  await trx
    .deleteFrom('item_versions')
    .where('tenant_id', '=', tenantId)
    .where('workload', '=', workload)
    .where('first_seen_seq', '=', seq)
    .execute();
  const previous = await findSnapshotRow(trx, tenantId, workload, seq - 1);
  if (previous) {
    await trx
      .updateTable('item_versions')
      .set({ last_seen_seq: seq - 1, last_seen_at: previous.started_at })
      .where('tenant_id', '=', tenantId)
      .where('workload', '=', workload)
      .where('last_seen_seq', '=', seq)
      .execute();
  }
  await trx
    .updateTable('snapshots')
    .set({ item_count: 0, added_count: 0, changed_count: 0 })
    .where('tenant_id', '=', tenantId)
    .where('workload', '=', workload)
    .where('seq', '=', seq)
    .execute();
}

/** Starts a running snapshot's recording over, as if no item had been recorded. */
export async function restartRecording(
  db: Db,
  tenantId: string,
  workload: string,
  seq: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await runningSnapshot(trx, tenantId, workload, seq);
    await undoRecording(trx, tenantId, workload, seq);
  });
}

/**
 * Undoes the newest snapshot of a tenant's workload (a backup that died before its
 * repository commit): its recording is undone and its seq is free again.
 */
export async function abandonSnapshot(
  db: Db,
  tenantId: string,
  workload: string,
  seq: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await snapshotRow(trx, tenantId, workload, seq);
    const later = await trx
      .selectFrom('snapshots')
      .select('seq')
      .where('tenant_id', '=', tenantId)
      .where('workload', '=', workload)
      .where('seq', '>', seq)
      .executeTakeFirst();
    if (later)
      throw new CatalogError(`snapshot ${seq} cannot be abandoned: snapshot ${later.seq} follows it`);
    await undoRecording(trx, tenantId, workload, seq);
    await trx.deleteFrom('snapshots').where('id', '=', row.id).execute();
  });
}

/** Marks the snapshots retention removed from the repository; returns how many were marked. */
export async function forgetSnapshots(
  db: Db,
  tenantId: string,
  repositorySnapshotIds: readonly string[],
  at: Date,
): Promise<number> {
  if (repositorySnapshotIds.length === 0) return 0;
  const result = await db
    .updateTable('snapshots')
    .set({ forgotten_at: at.toISOString() })
    .where('tenant_id', '=', tenantId)
    .where('repository_snapshot_id', 'in', [...repositorySnapshotIds])
    .where('forgotten_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
