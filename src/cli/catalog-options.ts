// The --catalog option: where the metadata index lives (a SQLite file in the data
// directory unless told otherwise). The catalog's modules and database drivers load when
// a command opens it.
import { Option, type Command } from 'commander';
import type { Catalog, ConnectOptions } from '../catalog/index.js';

export interface CatalogOptions {
  catalog?: string;
}

export function withCatalogOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--catalog <url>',
      'catalog: a file path, sqlite:<path> or postgres://… (default <home>/catalog.sqlite)',
    ),
  );
}

/** Opens and migrates the catalog; the caller closes it. */
export async function openCatalog(
  home: string,
  options: CatalogOptions,
  connect?: ConnectOptions,
): Promise<Catalog> {
  const { Catalog, defaultCatalogUrl } = await import('../catalog/index.js');
  const catalog = Catalog.open(options.catalog ?? defaultCatalogUrl(home), connect);
  try {
    await catalog.migrate();
  } catch (error) {
    await catalog.close();
    throw error;
  }
  return catalog;
}
