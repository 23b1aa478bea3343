// `tenantvault tenant add|list|remove`: the tenants the CLI remembers. Implemented in
// src/cli/commands/tenant.ts.
import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';
import { withTenantOptions } from '../tenant-options.js';

/** The module that implements the commands below, loaded when one runs. */
const implementation = () => import('../commands/tenant.js');

export function registerTenantCommand(program: Command): void {
  const tenant = program.command('tenant').description('the tenants this installation backs up');

  withTenantOptions(tenant.command('add'))
    .description(
      'check a connection (app registration and credential) to a tenant and save it, the credential sealed',
    )
    .action(lazyAction(implementation, 'add'));

  tenant
    .command('list')
    .description('the saved tenants (never their credentials)')
    .action(lazyAction(implementation, 'list'));

  tenant
    .command('remove')
    .description('forget a saved tenant and its credential (its backups stay)')
    .argument('<tenant>', 'tenant id, domain or name')
    .action(lazyAction(implementation, 'remove'));
}
