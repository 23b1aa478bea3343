// `tenantvault catalog ...`: the metadata index of backups. It is only an index: `rebuild`
// recreates it from a repository and the repository's password alone.
import type { Command } from 'commander';
import { Catalog, defaultCatalogUrl, rebuild } from '../../catalog/index.js';
import { contextOf } from '../program.js';
import { openRepository, withRepoOptions, type RepoOptions } from '../repository-options.js';

interface RebuildOptions extends RepoOptions {
  catalog?: string;
}

export function registerCatalogCommand(program: Command): void {
  const catalog = program
    .command('catalog')
    .description('the metadata index of backups (listing, history, diff)');

  withRepoOptions(catalog.command('rebuild'))
    .description(
      "replace the catalog rows of every tenant a repository holds with the repository's snapshots",
    )
    .option(
      '--catalog <url>',
      'catalog: a file path, sqlite:<path> or postgres://… (default <home>/catalog.sqlite)',
    )
    .action(async (options: RebuildOptions, command: Command) => {
      const { home, output } = contextOf(command);
      const repository = await openRepository(options);
      const index = Catalog.open(options.catalog ?? defaultCatalogUrl(home));
      try {
        await index.migrate();
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
