// The service's database, opened with the catalog's connection settings. Scale-out keeps
// the service tables in the catalog's PostgreSQL database. Embedded keeps them in a SQLite
// file of their own next to the catalog's: better-sqlite3 waits for a lock synchronously,
// so two connections of one process to one file (the engine writing the catalog while a
// worker renews its lease) could stall each other until the busy timeout. One process
// uses one ServiceDb for its queue and scheduler.
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { connect, type Engine } from '../catalog/connection.js';
import { migrateService } from './migrations.js';
import type { ServiceDatabase } from './schema.js';

export interface ServiceDb {
  readonly db: Kysely<ServiceDatabase>;
  readonly engine: Engine;
  /** As opened: pg-boss connects to the same PostgreSQL database with it. */
  readonly url: string;
  close(): Promise<void>;
}

export const SERVICE_DB_FILE_NAME = 'service.sqlite';

/** The embedded service database of a data directory. */
export function defaultServiceDbUrl(home: string): string {
  return join(home, SERVICE_DB_FILE_NAME);
}

/** Opens the database a URL names and brings the service schema up to date. */
export async function openServiceDb(url: string): Promise<ServiceDb> {
  const { db, engine } = connect<ServiceDatabase>(url);
  try {
    await migrateService(db, engine);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, engine, url, close: () => db.destroy() };
}
