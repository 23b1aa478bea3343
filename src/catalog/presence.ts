// Which versions a snapshot holds: the conditions on a version's seq range, and the
// per-type counts they give. Shared by reads (lists, counts, diff) and by finishing a
// snapshot, which records its counts once.
//
// Which index a query walks matters more than anything else here: SQLite has no
// statistics, so of two range conditions it may pick the index of the one that selects
// nearly every row. A unary plus on a column keeps its condition out of index selection
// (on both engines), so each query below names the index it means to use.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CatalogDatabase } from './schema.js';

type Db = Kysely<CatalogDatabase>;
export type VersionQuery = SelectQueryBuilder<CatalogDatabase, 'item_versions', object>;

export interface TypeCount {
  itemType: string;
  count: number;
}

export function versionsOf(db: Db, tenantId: string, workload: string): VersionQuery {
  return db.selectFrom('item_versions').where('tenant_id', '=', tenantId).where('workload', '=', workload);
}

/** A seq column that takes no part in choosing the index. */
export function unindexed(column: 'first_seen_seq' | 'last_seen_seq') {
  return sql<number>`+${sql.ref(column)}`;
}

/**
 * Versions present in snapshot `seq` (exactly one per object it holds), for lists and
 * counts: they walk the listing index in key order, since in a recent snapshot almost
 * every version qualifies.
 */
export function listedAt(query: VersionQuery, seq: number): VersionQuery {
  return query.where(unindexed('first_seen_seq'), '<=', seq).where(unindexed('last_seen_seq'), '>=', seq);
}

/** Versions present in snapshot `older` that ended before `newer`: found by where they end. */
export function endedBetween(query: VersionQuery, older: number, newer: number): VersionQuery {
  return query
    .where(unindexed('first_seen_seq'), '<=', older)
    .where('last_seen_seq', '>=', older)
    .where('last_seen_seq', '<', newer);
}

/** Versions present in snapshot `newer` that began after `older`: found by where they begin. */
export function begunBetween(query: VersionQuery, older: number, newer: number): VersionQuery {
  return query
    .where('first_seen_seq', '>', older)
    .where('first_seen_seq', '<=', newer)
    .where(unindexed('last_seen_seq'), '>=', newer);
}

/** Objects per type in snapshot `seq`, counted from its versions (a walk of the snapshot). */
export async function countPresentByType(
  db: Db,
  tenantId: string,
  workload: string,
  seq: number,
): Promise<TypeCount[]> {
  const rows = await listedAt(versionsOf(db, tenantId, workload), seq)
    .select((eb) => ['item_type', eb.fn.countAll<number>().as('count')])
    .groupBy('item_type')
    .orderBy('item_type')
    .execute();
  return rows.map((row) => ({ itemType: row.item_type, count: Number(row.count) }));
}
