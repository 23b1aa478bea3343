// `tenantvault catalog ...`: the metadata index of backups. It is only an index: `rebuild`
// recreates it from a repository and the repository's password alone. The command line
// is src/cli/definitions/catalog.ts.
import type { Command } from 'commander';
import { rebuild } from '../../catalog/index.js';
import { openCatalog, type CatalogOptions } from '../catalog-options.js';
import { contextOf } from '../program.js';
import { openRepository, type RepoOptions } from '../repository-options.js';

type RebuildOptions = RepoOptions & CatalogOptions;

/** `catalog rebuild` */
export async function rebuildCatalog(options: RebuildOptions, command: Command): Promise<void> {
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
}
