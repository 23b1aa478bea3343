// `tenantvault entra diff` and `entra history`: the command line. Implemented in
// src/cli/commands/directory-compare.ts.
import { Option, type Command } from 'commander';
import { DIRECTORY_TYPES } from '../../workloads/directory/item.js';
import {
  parseTypeArgument,
  SNAPSHOT_REFERENCE_HELP,
  withBackupSourceOptions,
  withTypeOption,
} from '../directory-options.js';
import { lazyAction } from '../lazy-action.js';
import { withTenantOptions } from '../tenant-options.js';

/** The module that implements the commands below, loaded when one runs. */
const implementation = () => import('../commands/directory-compare.js');

function collectIds(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerDirectoryCompareCommands(entra: Command): void {
  withTypeOption(
    withTenantOptions(withBackupSourceOptions(entra.command('diff'), { tenantOption: false })),
    'compare only items of this type',
  )
    .description(
      'what changed in the directory between two snapshots, or since a snapshot in the live tenant',
    )
    .addOption(new Option('--from <snapshot>', `${SNAPSHOT_REFERENCE_HELP}`).default('previous'))
    .addOption(new Option('--to <snapshot>', 'the snapshot to compare with').default('latest'))
    .addOption(
      new Option('--live', 'compare with the tenant as it is now (drift) instead of a snapshot').conflicts(
        'to',
      ),
    )
    .addOption(new Option('--id <objectId>', 'compare only this object (repeatable)').argParser(collectIds))
    .action(lazyAction(implementation, 'diff'));

  withBackupSourceOptions(entra.command('history'))
    .description('the versions of one directory object (or log day) across the snapshots')
    .argument('<type>', `item type: ${DIRECTORY_TYPES.join(', ')}`, parseTypeArgument)
    .argument('<objectId>', 'object id, or the day (YYYY-MM-DD) of a log')
    .option('--changes', 'show what changed from each version to the next')
    .action(lazyAction(implementation, 'history'));
}
