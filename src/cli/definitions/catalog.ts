// `tenantvault catalog ...`: the metadata index of backups. It is only an index: `rebuild`
// recreates it from a repository and the repository's password alone.
// Implemented in src/cli/commands/catalog.ts.
import type { Command } from 'commander';
import { withCatalogOption } from '../catalog-options.js';
import { lazyAction } from '../lazy-action.js';
import { withRepoOptions } from '../repository-options.js';

/** The module that implements the commands below, loaded when one runs. */
const implementation = () => import('../commands/catalog.js');

export function registerCatalogCommand(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('the metadata index of backups (listing, history, diff)');

  withCatalogOption(withRepoOptions(catalog.command('rebuild')))
    .description(
      "replace the catalog rows of every tenant a repository holds with the repository's snapshots",
    )
    .action(lazyAction(implementation, 'rebuildCatalog'));
}
