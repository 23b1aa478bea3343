// `tenantvault entra restore`: the command line. Implemented in
// src/cli/commands/directory-restore.ts.
import { Option, type Command } from 'commander';
import { withAtOption, withBackupSourceOptions, withTypeOption } from '../directory-options.js';
import { lazyAction } from '../lazy-action.js';
import { withTenantOptions } from '../tenant-options.js';

/** The module that implements the commands below, loaded when one runs. */
const implementation = () => import('../commands/directory-restore.js');

export function registerDirectoryRestoreCommand(entra: Command): void {
  const command = withAtOption(
    entra.command('restore').description('restore Entra ID objects from a snapshot into a live tenant'),
  );
  withTypeOption(command, 'restore every object of this type');
  command
    .addOption(new Option('--id <id...>', 'restore these objects (of the --type types, when given)'))
    .addOption(new Option('--dry-run', 'print every Graph write the restore would make, and write nothing'))
    .addOption(
      new Option(
        '--new-users <mode>',
        'how re-created users can sign in: disabled, or temporary-password (shown once)',
      )
        .choices(['disabled', 'temporary-password'])
        .default('disabled'),
    )
    .addOption(
      new Option(
        '--source-tenant <id>',
        'tenant the snapshot was taken of (default: the --tenant restored to)',
      ),
    );
  withTenantOptions(withBackupSourceOptions(command, { tenantOption: false }));

  command.action(lazyAction(implementation, 'restore'));
}
