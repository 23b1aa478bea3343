// Opens the catalog database a URL names: a file path or sqlite: URL is SQLite (the
// embedded default), postgres:// or postgresql:// is PostgreSQL (scale-out).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { CatalogError } from './errors.js';
import type { CatalogDatabase } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

/** A connection typed by the tables its user sees: the catalog's, or another module's in the same database. */
export interface CatalogConnection<DB = CatalogDatabase> {
  db: Kysely<DB>;
  engine: Engine;
}

export const CATALOG_FILE_NAME = 'catalog.sqlite';

/** The catalog of a data directory when no URL is configured. */
export function defaultCatalogUrl(home: string): string {
  return join(home, CATALOG_FILE_NAME);
}

const INT8_OID = 20;

export interface ConnectOptions {
  /**
   * SQLite's page cache in KiB (default better-sqlite3's 16 MiB, which the API's diff and
   * search pages need). A backup process writes its snapshot's rows once and reads little:
   * BACKUP_CACHE_KIB keeps about 12 MB of its peak memory free at no cost in time measured.
   */
  sqliteCacheKiB?: number;
}

/** The SQLite page cache of a process that only runs backups. */
export const BACKUP_CACHE_KIB = 4096;

/** SQLite file path of a URL, or undefined when the URL is PostgreSQL's. */
function sqlitePath(url: string): string | undefined {
  if (/^postgres(ql)?:\/\//i.test(url)) return undefined;
  if (url.startsWith('sqlite://')) return url.slice('sqlite://'.length);
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new CatalogError(`catalog URL "${url}": use a file path, sqlite:<path> or postgres://…`);
  }
  return url;
}

function sqliteDialect(path: string, { sqliteCacheKiB }: ConnectOptions): Dialect {
  if (path === '') throw new CatalogError('the catalog URL names no SQLite file');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  // WAL lets readers work while a backup writes; NORMAL sync is durable enough under WAL
  // (a crash can lose the last commits, never corrupt) and the index can be rebuilt anyway.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 10000');
  if (sqliteCacheKiB !== undefined) database.pragma(`cache_size = ${-Math.round(sqliteCacheKiB)}`);
  return new SqliteDialect({ database });
}

function postgresDialect(url: string): Dialect {
  const pool = new pg.Pool({
    connectionString: url,
    // Counts and bigserial ids arrive as numbers, as they do from SQLite; catalog values
    // stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (restart, failover) is discarded by the pool and
  // replaced on the next query; unhandled, its error would end the process.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}

export function connect<DB = CatalogDatabase>(
  url: string,
  options: ConnectOptions = {},
): CatalogConnection<DB> {
  const path = sqlitePath(url);
  const engine: Engine = path === undefined ? 'postgres' : 'sqlite';
  const dialect = path === undefined ? postgresDialect(url) : sqliteDialect(path, options);
  return { db: new Kysely<DB>({ dialect }), engine };
}
