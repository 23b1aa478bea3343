// `tenantvault catalog ...`: the metadata index of backups. It is only an index: `rebuild`
// recreates it from a repository and the repository's password alone.
import type { Command } from 'commander';
import { rebuild } from '../../catalog/index.js';
import { openCatalog, withCatalogOption, type CatalogOptions } from '../catalog-options.js';
import { contextOf } from '../program.js';
import { openRepository, withRepoOptions, type RepoOptions } from '../repository-options.js';

type RebuildOptions = RepoOptions & CatalogOptions;

export function registerCatalogCommand(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('the metadata index of backups (listing, history, diff)');

  withCatalogOption(withRepoOptions(catalog.command('rebuild')))
    .description(
      "replace the catalog rows of every tenant a repository holds with the repository's snapshots",
    )
    .action(async (options: RebuildOptions, command: Command) => {
      const { home, output } = contextOf(command);
      const repository = await openRepository(options);
      const index = await openCatalog(home, options);
      try {
        output.result(
          await rebuild(index, repository),
          (r) =>
            `rebuilt ${r.snapshots} snapshots (${r.items} items) of ${r.tenants.length} tenant(s): ${r.tenants.join(', ') || '-'}` +
            (r.skippedSnapshots > 0
              ? `\n${r.skippedSnapshots} snapshot(s) without catalog metadata skipped`
              : ''),
        );
      } finally {
        await index.close();
      }
    });
}
