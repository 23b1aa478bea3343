// Reading the catalog: snapshots, the items present in one snapshot (paged by key), counts,
// one object's history, and the changes between two snapshots (streamed).
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { CatalogError } from './errors.js';
import { snapshotOf, versionOf, type ItemChange, type ItemVersion, type Snapshot } from './model.js';
import type { CatalogDatabase } from './schema.js';
import {
  begunBetween,
  countPresentByType,
  endedBetween,
  listedAt,
  versionsOf,
  type TypeCount,
  type VersionQuery,
} from './presence.js';
import { recordTypeCounts, snapshotRow } from './writes.js';

export type { TypeCount };

type Db = Kysely<CatalogDatabase>;

/** Position in (item type, object id) order. */
type Key = [itemType: string, objectId: string];

export interface ListItemsOptions {
  itemType?: string;
  /** Case-insensitive substring of the display name or object id. */
  search?: string;
  /** Items per page (default 100). */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

export interface ItemPage {
  items: ItemVersion[];
  /** Present when more items follow. */
  nextCursor?: string;
}

const DIFF_PAGE_SIZE = 1000;

export async function listSnapshots(db: Db, tenantId: string, workload?: string): Promise<Snapshot[]> {
  const rows = await db
    .selectFrom('snapshots')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('forgotten_at', 'is', null)
    .$if(workload !== undefined, (query) => query.where('workload', '=', workload!))
    .orderBy('workload')
    .orderBy('seq')
    .execute();
  return rows.map(snapshotOf);
}

export async function getSnapshot(
  db: Db,
  tenantId: string,
  workload: string,
  seq: number,
): Promise<Snapshot> {
  const row = await snapshotRow(db, tenantId, workload, seq);
  if (row.forgotten_at !== null) {
    throw new CatalogError(`snapshot ${seq} of ${workload} for tenant ${tenantId} was removed by retention`);
  }
  return snapshotOf(row);
}

/**
 * Rows after `key` in key order: a range of the listing index, which lists walk. Within
 * one type it is `object_id > ?`, where SQLite seeks; from a row-value comparison it would
 * walk the type from its first object to the cursor.
 */
function after(query: VersionQuery, key: Key | undefined, itemType?: string): VersionQuery {
  if (!key) return query;
  if (key[0] === itemType) return query.where('object_id', '>', key[1]);
  return query.where((eb) => eb(eb.refTuple('item_type', 'object_id'), '>', eb.tuple(key[0], key[1])));
}

/**
 * `after` for the diff's few versions, found through a seq index: the key is compared as
 * an expression (`|| ''` keeps the column's byte order), so SQLite does not walk the
 * listing index from the key to the end of the snapshot instead.
 */
function afterUnindexed(query: VersionQuery, key: Key | undefined): VersionQuery {
  if (!key) return query;
  return query.where(
    sql<boolean>`(${sql.ref('item_type')} || '', ${sql.ref('object_id')} || '') > (${key[0]}, ${key[1]})`,
  );
}

function inKeyOrder(query: VersionQuery): VersionQuery {
  return query.orderBy('item_type').orderBy('object_id');
}

function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Key {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string')) {
      return key as Key;
    }
  } catch {
    // reported below
  }
  throw new CatalogError('the cursor is not one this catalog handed out');
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function matches(search: string) {
  const pattern = containsPattern(search);
  // ESCAPE spelled out: SQLite's LIKE has no escape character by default.
  const like = (column: 'display_name' | 'object_id') =>
    sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
  return (eb: ExpressionBuilder<CatalogDatabase, 'item_versions'>) =>
    eb.or([like('display_name'), like('object_id')]);
}

export async function listItems(
  db: Db,
  tenantId: string,
  workload: string,
  seq: number,
  options: ListItemsOptions = {},
): Promise<ItemPage> {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1) throw new CatalogError('limit must be a positive integer');
  const { itemType, search } = options;
  let query = listedAt(versionsOf(db, tenantId, workload), seq);
  if (itemType !== undefined) query = query.where('item_type', '=', itemType);
  if (search) query = query.where(matches(search));
  query = after(query, options.cursor === undefined ? undefined : decodeCursor(options.cursor), itemType);
  const rows = await inKeyOrder(query)
    .selectAll()
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(versionOf);
  const last = items.at(-1);
  return rows.length > limit && last
    ? { items, nextCursor: encodeCursor([last.itemType, last.objectId]) }
    : { items };
}

/**
 * Objects per type in a snapshot. A finished snapshot never changes: its counts are
 * recorded when it finishes (or on the first ask, for snapshots finished before the
 * catalog kept them), so they cost one row read, not a walk of the snapshot.
 */
export async function countsByType(
  db: Db,
  tenantId: string,
  workload: string,
  seq: number,
): Promise<TypeCount[]> {
  const row = await snapshotRow(db, tenantId, workload, seq);
  if (row.type_counts !== null) return JSON.parse(row.type_counts) as TypeCount[];
  const counts = await countPresentByType(db, tenantId, workload, seq);
  if (row.status !== 'running') await recordTypeCounts(db, row.id, counts);
  return counts;
}

/** Every version of an object, oldest first (of one type when given; ids are unique per type). */
export async function history(
  db: Db,
  tenantId: string,
  workload: string,
  objectId: string,
  itemType?: string,
): Promise<ItemVersion[]> {
  const rows = await versionsOf(db, tenantId, workload)
    .where('object_id', '=', objectId)
    .$if(itemType !== undefined, (query) => query.where('item_type', '=', itemType!))
    // Versions only forgotten snapshots held are gone from the repository.
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('snapshots')
          .select('snapshots.seq')
          .whereRef('snapshots.tenant_id', '=', 'item_versions.tenant_id')
          .whereRef('snapshots.workload', '=', 'item_versions.workload')
          .whereRef('snapshots.seq', '>=', 'item_versions.first_seen_seq')
          .whereRef('snapshots.seq', '<=', 'item_versions.last_seen_seq')
          .where('snapshots.forgotten_at', 'is', null),
      ),
    )
    .selectAll()
    .orderBy('first_seen_seq')
    .orderBy('item_type')
    .execute();
  return rows.map(versionOf);
}

/** The newest version of an object, whether or not the newest snapshot still holds it. */
export async function latestVersion(
  db: Db,
  tenantId: string,
  workload: string,
  itemType: string,
  objectId: string,
): Promise<ItemVersion | undefined> {
  const row = await versionsOf(db, tenantId, workload)
    .where('item_type', '=', itemType)
    .where('object_id', '=', objectId)
    .selectAll()
    .orderBy('first_seen_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && versionOf(row);
}

/** All rows of a query in key order, fetched page by page. */
async function* streamInKeyOrder(query: VersionQuery, start?: Key): AsyncGenerator<ItemVersion> {
  let key = start;
  for (;;) {
    const rows = await inKeyOrder(afterUnindexed(query, key)).selectAll().limit(DIFF_PAGE_SIZE).execute();
    for (const row of rows) yield versionOf(row);
    const last = rows.at(-1);
    if (!last || rows.length < DIFF_PAGE_SIZE) return;
    key = [last.item_type, last.object_id];
  }
}

/** Byte order of UTF-8, the order both engines sort object keys in. */
function compareKeys(a: ItemVersion, b: ItemVersion): number {
  return (
    Buffer.compare(Buffer.from(a.itemType), Buffer.from(b.itemType)) ||
    Buffer.compare(Buffer.from(a.objectId), Buffer.from(b.objectId))
  );
}

/**
 * What changed from snapshot `fromSeq` to `toSeq` (either may be the newer one), in key
 * order. Objects unchanged across the range share one version and are never read: only
 * versions that end inside the range (left) and versions that start inside it (arrived)
 * are merged, page by page.
 */
export async function* diff(
  db: Db,
  tenantId: string,
  workload: string,
  fromSeq: number,
  toSeq: number,
  /** Resume after this item (the last of the previous page). */
  startAfter?: { itemType: string; objectId: string },
): AsyncGenerator<ItemChange> {
  await snapshotRow(db, tenantId, workload, fromSeq);
  await snapshotRow(db, tenantId, workload, toSeq);
  const [older, newer] = fromSeq <= toSeq ? [fromSeq, toSeq] : [toSeq, fromSeq];
  const forward = fromSeq <= toSeq;
  const versions = versionsOf(db, tenantId, workload);
  const start: Key | undefined = startAfter && [startAfter.itemType, startAfter.objectId];
  const left = streamInKeyOrder(endedBetween(versions, older, newer), start);
  const arrived = streamInKeyOrder(begunBetween(versions, older, newer), start);

  const change = (before?: ItemVersion, after?: ItemVersion): ItemChange => {
    const [from, to] = forward ? [before, after] : [after, before];
    const kind = from && to ? 'changed' : from ? 'removed' : 'added';
    const current = (to ?? from)!;
    return {
      change: kind,
      itemType: current.itemType,
      objectId: current.objectId,
      displayName: current.displayName,
      from,
      to,
    };
  };

  let gone = await left.next();
  let come = await arrived.next();
  while (!gone.done || !come.done) {
    const order = gone.done ? 1 : come.done ? -1 : compareKeys(gone.value, come.value);
    if (order < 0) {
      yield change(gone.value as ItemVersion, undefined);
      gone = await left.next();
    } else if (order > 0) {
      yield change(undefined, come.value as ItemVersion);
      come = await arrived.next();
    } else {
      // A new version with the old content (a change undone) is no change.
      if (gone.value.versionHash !== come.value.versionHash) yield change(gone.value, come.value);
      gone = await left.next();
      come = await arrived.next();
    }
  }
}
