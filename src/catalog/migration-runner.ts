// Runs one schema's Kysely migrations to the latest. The catalog, the service's queue
// and its organizations each keep their own migration table, so each set of tables can
// share a database with the others and still evolve on its own.
import { Migrator, type Kysely, type Migration } from 'kysely';

export interface MigrationSet {
  /** Named in errors, e.g. "catalog". */
  name: string;
  migrations: Record<string, Migration>;
  /** Kysely's bookkeeping tables for this set. */
  table: string;
  lockTable: string;
}

/**
 * Brings the set's tables up to date; safe on every start and from several processes.
 * A failed migration raises the error `failure` makes of its message.
 */
export async function runMigrations<DB>(
  db: Kysely<DB>,
  set: MigrationSet,
  failure: (message: string) => Error,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(set.migrations) },
    migrationTableName: set.table,
    migrationLockTableName: set.lockTable,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw failure(`${set.name} migration ${failed ?? ''} failed: ${reason}`);
  }
}
