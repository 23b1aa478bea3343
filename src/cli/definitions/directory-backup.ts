// `tenantvault backup entra` and `tenantvault snapshots`: the command line. Implemented
// in src/cli/commands/directory-backup.ts.
import { Option, type Command } from 'commander';
import { BACKUP_TOGGLES, type BackupToggle } from '../../workloads/directory/item.js';
import { withCatalogOption } from '../catalog-options.js';
import { UsageError } from '../exit-codes.js';
import { lazyAction } from '../lazy-action.js';
import { withRepoOptions } from '../repository-options.js';
import { withTenantOptions } from '../tenant-options.js';

/** The module that implements the commands below, loaded when one runs. */
const implementation = () => import('../commands/directory-backup.js');

function parseToggles(value: string): BackupToggle[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--types names no type');
  for (const name of names) {
    if (!(BACKUP_TOGGLES as readonly string[]).includes(name)) {
      throw new UsageError(`unknown type "${name}"; the types are ${BACKUP_TOGGLES.join(', ')}`);
    }
  }
  return [...new Set(names)] as BackupToggle[];
}

function registerBackup(backup: Command): void {
  const command = withCatalogOption(withTenantOptions(withRepoOptions(backup.command('entra'))));
  command
    .description("back up the tenant's Entra ID directory into a new snapshot of its repository")
    .addOption(
      new Option(
        '--types <list>',
        `comma-separated types to read (default: all) from ${BACKUP_TOGGLES.join(', ')}`,
      ).argParser(parseToggles),
    )
    .action(lazyAction(implementation, 'backupEntra'));
}

function registerSnapshots(program: Command): void {
  withCatalogOption(program.command('snapshots'))
    .description("list the tenant's directory snapshots the catalog holds, oldest first")
    .addOption(new Option('--tenant <id>', 'tenant id whose snapshots to list'))
    .action(lazyAction(implementation, 'snapshots'));
}

/** `entra` under the `backup` group, and `snapshots` at the top level. */
export function registerDirectoryBackupCommands(backup: Command, program: Command): void {
  registerBackup(backup);
  registerSnapshots(program);
}
