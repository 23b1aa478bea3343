// Catalogs for tests on both engines: a SQLite file in a temporary directory, or a fresh
// PostgreSQL database (dropped afterwards) so parallel runs never meet. PostgreSQL must
// be up: a test that cannot reach it fails rather than skips.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Catalog, type Engine, type ItemRecord } from '../../src/catalog/index.js';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/** Server and maintenance database where test databases are created. */
export const POSTGRES_URL =
  process.env.TENANTVAULT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type TestContext = { after: (fn: () => Promise<void>) => void };

export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tenantvault-catalog-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A URL of an empty catalog database of the engine, removed when the test ends. */
export async function tempCatalogUrl(t: TestContext, engine: Engine): Promise<string> {
  if (engine === 'sqlite') return join(await tempDir(t), 'catalog.sqlite');
  const name = `tv_catalog_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  t.after(() => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A migrated catalog with one tenant, closed when the test ends. */
export async function tempCatalog(
  t: TestContext,
  engine: Engine,
): Promise<{ catalog: Catalog; url: string }> {
  const url = await tempCatalogUrl(t, engine);
  const catalog = Catalog.open(url);
  t.after(() => catalog.close());
  await catalog.migrate();
  await catalog.upsertTenant({ id: TENANT, displayName: 'Contoso' });
  return { catalog, url };
}

/** Runs one statement over a connection of its own; returns its rows. */
export async function runSql(url: string, statement: string): Promise<Record<string, unknown>[]> {
  if (!url.startsWith('postgres')) {
    const database = new SqliteDatabase(url);
    try {
      const prepared = database.prepare(statement);
      if (prepared.reader) return prepared.all() as Record<string, unknown>[];
      prepared.run();
      return [];
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** Rows of a catalog table. */
export async function rowCount(url: string, table: string): Promise<number> {
  const [row] = await runSql(url, `SELECT count(*) AS n FROM ${table}`);
  return Number(row!.n);
}

export const TENANT = 'contoso.onmicrosoft.com';
export const WORKLOAD = 'directory';

export function item(
  itemType: string,
  objectId: string,
  displayName: string,
  versionHash: string,
): ItemRecord {
  return { itemType, objectId, displayName, versionHash, contentRef: `${itemType}/${objectId}` };
}

/** Records one whole snapshot and returns its seq. */
export async function recordSnapshot(
  catalog: Catalog,
  items: ItemRecord[] | AsyncIterable<ItemRecord>,
  startedAt = new Date(),
): Promise<number> {
  const { seq } = await catalog.beginSnapshot({ tenantId: TENANT, workload: WORKLOAD, startedAt });
  await catalog.recordItems(TENANT, WORKLOAD, seq, items);
  await catalog.finishSnapshot(TENANT, WORKLOAD, seq, { status: 'succeeded', finishedAt: new Date() });
  return seq;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}
