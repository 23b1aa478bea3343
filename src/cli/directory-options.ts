// What the commands that read a tenant's Entra ID backups share (`entra ls`, `show`,
// `history`, `diff`, `export`, `restore`): which tenant, which item types, the repository and catalog they read,
// and references that name no snapshot or object reported as usage errors (exit code 2).
import { Option, type Command } from 'commander';
import type { Catalog } from '../catalog/index.js';
import type { SnapshotEntry } from '../engine/snapshot-reference.js';
import type { Repository } from '../repository/index.js';
import {
  DIRECTORY_TYPES,
  DIRECTORY_WORKLOAD,
  isDirectoryType,
  type DirectoryType,
} from '../workloads/directory/item.js';
import { openCatalog, withCatalogOption, type CatalogOptions } from './catalog-options.js';
import { UsageError } from './exit-codes.js';
import { openRepository, withRepoOptions, type RepoOptions } from './repository-options.js';
import { SavedTenants } from './saved-tenants.js';

export const SNAPSHOT_REFERENCE_HELP =
  'snapshot: a number, latest, previous, latest~N, a repository snapshot id (prefix) or a date/time (the newest snapshot taken by then)';

export interface BackupSourceOptions extends RepoOptions, CatalogOptions {
  tenant?: string;
}

export interface BackupSources {
  repository: Repository;
  catalog: Catalog;
}

/** --tenant naming whose snapshots to read. */
export function withTenantOption(command: Command): Command {
  return command.addOption(new Option('--tenant <id>', 'tenant whose directory snapshots to read'));
}

/**
 * Where the backups are: the repository and catalog options, and --tenant unless the
 * command adds the tenant options itself (it also reaches the live tenant).
 */
export function withBackupSourceOptions(command: Command, { tenantOption = true } = {}): Command {
  withCatalogOption(withRepoOptions(command));
  return tenantOption ? withTenantOption(command) : command;
}

/** The tenant id the catalog knows the tenant by: --tenant, or the id of the saved tenant it names. */
export async function tenantOf(options: { tenant?: string }, home: string): Promise<string> {
  if (!options.tenant) throw new UsageError('--tenant (or TENANTVAULT_TENANT) is required');
  const saved = await new SavedTenants(home).find(options.tenant);
  return saved?.tenantId ?? options.tenant;
}

/** An item type named on the command line. */
export function parseTypeArgument(value: string): DirectoryType {
  if (!isDirectoryType(value)) {
    throw new UsageError(`unknown item type "${value}"; the types are ${DIRECTORY_TYPES.join(', ')}`);
  }
  return value;
}

function parseType(value: string, previous: DirectoryType[] | undefined): DirectoryType[] {
  return [...(previous ?? []), parseTypeArgument(value)];
}

export interface AtOptions {
  at: string;
}

/** --at: the snapshot a command reads (default the latest). */
export function withAtOption(command: Command): Command {
  return command.addOption(new Option('--at <snapshot>', SNAPSHOT_REFERENCE_HELP).default('latest'));
}

/** --type, repeatable; absent means every type. */
export function withTypeOption(command: Command, description: string): Command {
  return command.addOption(new Option('--type <type>', `${description} (repeatable)`).argParser(parseType));
}

/** Opens the catalog for `work` and closes it after; a reference to nothing is a usage error. */
export async function withCatalog<T>(
  home: string,
  options: CatalogOptions,
  work: (catalog: Catalog) => Promise<T>,
): Promise<T> {
  const { BadReferenceError } = await import('../engine/snapshot-reference.js');
  const catalog = await openCatalog(home, options);
  try {
    return await work(catalog);
  } catch (error) {
    if (error instanceof BadReferenceError) throw new UsageError(error.message);
    throw error;
  } finally {
    await catalog.close();
  }
}

/** Opens the repository and the catalog for `work`, as withCatalog does. */
export async function withBackupSources<T>(
  home: string,
  options: BackupSourceOptions,
  work: (sources: BackupSources) => Promise<T>,
): Promise<T> {
  const repository = await openRepository(options);
  return withCatalog(home, options, (catalog) => work({ repository, catalog }));
}

/** The tenant's directory snapshots in the catalog; none is an error that says how to get some. */
export async function cataloguedSnapshots(catalog: Catalog, tenantId: string): Promise<SnapshotEntry[]> {
  const snapshots = await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD);
  if (snapshots.length > 0) return snapshots;
  throw new UsageError(
    `the catalog has no directory snapshots of tenant ${tenantId} (tenants are known by their tenant id, as "backup entra" reports it): back it up, or run "tenantvault catalog rebuild" for its repository`,
  );
}
