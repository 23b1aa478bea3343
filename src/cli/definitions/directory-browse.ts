// `tenantvault entra ls`, `show` and `export`: the command line. Implemented in
// src/cli/commands/directory-browse.ts.
import { Option, type Command } from 'commander';
import { DIRECTORY_TYPES } from '../../workloads/directory/item.js';
import { withCatalogOption } from '../catalog-options.js';
import {
  parseTypeArgument,
  withAtOption,
  withBackupSourceOptions,
  withTenantOption,
  withTypeOption,
} from '../directory-options.js';
import { lazyAction } from '../lazy-action.js';

/** The module that implements the commands below, loaded when one runs. */
const implementation = () => import('../commands/directory-browse.js');

export function registerDirectoryBrowseCommands(entra: Command): void {
  withAtOption(
    withTypeOption(withCatalogOption(withTenantOption(entra.command('ls'))), 'list only items of this type'),
  )
    .description('list the objects (and log days) of a snapshot, with counts per type')
    .option('--search <text>', 'only items whose display name or id contains the text (any case)')
    .action(lazyAction(implementation, 'ls'));

  withAtOption(withBackupSourceOptions(entra.command('show')))
    .description('print one object (or log day) as a snapshot stores it')
    .argument('<type>', `item type: ${DIRECTORY_TYPES.join(', ')}`, parseTypeArgument)
    .argument('<objectId>', 'object id, or the day (YYYY-MM-DD) of a log')
    .action(lazyAction(implementation, 'show'));

  withAtOption(
    withTypeOption(
      withBackupSourceOptions(entra.command('export')),
      'export only items of this type (default: every object type; log types on their own)',
    ),
  )
    .description(
      "write a snapshot's objects as JSON Lines, one stored item per line (log types: their entries, one per line)",
    )
    .addOption(new Option('--output <file>', 'write to this file instead of standard output'))
    .action(lazyAction(implementation, 'exportSnapshot'));
}
