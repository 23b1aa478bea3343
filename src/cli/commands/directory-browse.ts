// `tenantvault entra ls`, `show` and `export`: what a snapshot holds, one stored item,
// and the snapshot's content as JSON Lines. show and export read the repository alone
// when the catalog does not know the tenant, so they work with only the repository and
// its password, as a restore or export must. The command line is
// src/cli/definitions/directory-browse.ts.
import { createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { ItemVersion } from '../../catalog/index.js';
import { findStoredItem, snapshotObjects } from '../../engine/directory/browse.js';
import { exportLogEntries, exportObjects } from '../../engine/directory/export.js';
import { readStoredItem, storedContent } from '../../engine/directory/stored-items.js';
import {
  readableSnapshotEntries,
  resolveSnapshotReference,
  type ReadableSnapshot,
} from '../../engine/snapshot-reference.js';
import {
  DIRECTORY_TYPES,
  DIRECTORY_WORKLOAD,
  LOG_TYPES,
  type DirectoryType,
} from '../../workloads/directory/item.js';
import { TYPE_ROUTES } from '../../workloads/directory/routes.js';
import {
  cataloguedSnapshots,
  tenantOf,
  withBackupSources,
  withCatalog,
  type AtOptions,
  type BackupSourceOptions,
  type BackupSources,
} from '../directory-options.js';
import { UsageError } from '../exit-codes.js';
import { table } from '../output.js';
import { contextOf } from '../program.js';

const OBJECT_TYPES = DIRECTORY_TYPES.filter((type) => !LOG_TYPES.has(type));
const TYPE_WIDTH = Math.max(...DIRECTORY_TYPES.map((type) => type.length));
const GUID_WIDTH = 36;

interface TypedOptions extends BackupSourceOptions, AtOptions {
  type?: DirectoryType[];
}

interface ListOptions extends TypedOptions {
  search?: string;
}

interface ExportOptions extends TypedOptions {
  output?: string;
}

/** One listed item; firstSeen* say since when the snapshot's version of it exists. */
interface ListedItem {
  type: string;
  id: string;
  displayName: string | null;
  versionHash: string;
  firstSeenSeq: number;
  firstSeenAt: string;
}

interface ListingSummary {
  snapshot: { seq: number; snapshotId: string; finishedAt: string | null };
  /** Items per type in the whole snapshot, whatever was listed. */
  counts: Record<string, number>;
}

function listedItem(version: ItemVersion): ListedItem {
  const { itemType, objectId, displayName, versionHash, firstSeenSeq, firstSeenAt } = version;
  return { type: itemType, id: objectId, displayName, versionHash, firstSeenSeq, firstSeenAt };
}

function listedText(item: ListedItem): string {
  const name = item.displayName !== item.id ? (item.displayName ?? '') : '';
  return `${item.type.padEnd(TYPE_WIDTH)}  ${item.id.padEnd(GUID_WIDTH)}  ${name}`.trimEnd();
}

function countsText({ snapshot, counts }: ListingSummary): string {
  const rows = Object.entries(counts).map(([type, count]) => [
    type,
    type in TYPE_ROUTES ? TYPE_ROUTES[type as DirectoryType].label : '',
    String(count),
  ]);
  return `\nsnapshot ${snapshot.seq} (${snapshot.finishedAt ?? 'unfinished'})\n${table(['type', 'shown as', 'items'], rows)}`;
}

/** The snapshot a reference names among those the catalog, or else the repository, knows. */
async function readableSnapshot(
  reference: string,
  tenantId: string,
  sources: BackupSources,
): Promise<ReadableSnapshot> {
  const snapshots = await readableSnapshotEntries(tenantId, DIRECTORY_WORKLOAD, sources);
  if (snapshots.length === 0) {
    throw new UsageError(
      `neither the catalog nor the repository holds directory snapshots of tenant ${tenantId}`,
    );
  }
  return resolveSnapshotReference(reference, snapshots);
}

/** The types an export writes: all object types by default; log types only on their own. */
function exportedTypes(types: DirectoryType[] | undefined): { logs: boolean; types: Set<DirectoryType> } {
  const chosen = new Set(types ?? OBJECT_TYPES);
  const logs = [...chosen].filter((type) => LOG_TYPES.has(type));
  if (logs.length > 0 && logs.length < chosen.size) {
    throw new UsageError('export log types on their own: their lines are log entries, not directory objects');
  }
  return { logs: logs.length > 0, types: chosen };
}

/** `entra ls` */
export async function ls(options: ListOptions, command: Command): Promise<void> {
  const { home, output } = contextOf(command);
  const tenantId = await tenantOf(options, home);
  await withCatalog(home, options, async (catalog) => {
    const snapshot = resolveSnapshotReference(options.at, await cataloguedSnapshots(catalog, tenantId));
    for (const type of options.type ?? [undefined]) {
      const query = { type, search: options.search };
      for await (const version of snapshotObjects(catalog, tenantId, snapshot, query)) {
        output.result(listedItem(version), listedText);
      }
    }
    const counts = await catalog.countsByType(tenantId, DIRECTORY_WORKLOAD, snapshot.seq);
    const summary: ListingSummary = {
      snapshot: {
        seq: snapshot.seq,
        snapshotId: snapshot.repositorySnapshotId,
        finishedAt: snapshot.finishedAt,
      },
      counts: Object.fromEntries(counts.map(({ itemType, count }) => [itemType, count])),
    };
    output.result({ summary }, ({ summary }) => countsText(summary));
  });
}

/** `entra show` */
export async function show(
  type: DirectoryType,
  objectId: string,
  options: TypedOptions,
  command: Command,
): Promise<void> {
  const { home, output } = contextOf(command);
  const tenantId = await tenantOf(options, home);
  await withBackupSources(home, options, async (sources) => {
    const snapshot = await readableSnapshot(options.at, tenantId, sources);
    const found = await findStoredItem(sources.repository, snapshot, objectId, type);
    const snapshotId = snapshot.repositorySnapshotId;
    if (LOG_TYPES.has(found.type)) {
      // A day of entries is JSON Lines already, in both modes.
      await pipeline(
        Readable.from(storedContent(sources.repository, snapshotId, found.item)),
        process.stdout,
        {
          end: false,
        },
      );
      return;
    }
    const content = await readStoredItem(sources.repository, { snapshotId, path: found.item.path });
    output.result(JSON.parse(content.toString('utf8')) as unknown, (item) => JSON.stringify(item, null, 2));
  });
}

/** `entra export` */
export async function exportSnapshot(options: ExportOptions, command: Command): Promise<void> {
  const { home, output } = contextOf(command);
  const tenantId = await tenantOf(options, home);
  const { logs, types } = exportedTypes(options.type);
  await withBackupSources(home, options, async (sources) => {
    const snapshot = await readableSnapshot(options.at, tenantId, sources);
    const lines = Readable.from(
      logs
        ? exportLogEntries(sources.repository, snapshot, types)
        : exportObjects(sources.repository, snapshot, types),
    );
    const file = options.output;
    if (!file) {
      await pipeline(lines, process.stdout, { end: false });
      return;
    }
    try {
      await pipeline(lines, createWriteStream(file));
    } catch (error) {
      // Half an export must not pass for a whole one.
      await unlink(file).catch(() => undefined);
      throw error;
    }
    const result = { file, snapshot: snapshot.seq, types: [...types], bytes: (await stat(file)).size };
    output.result(
      result,
      (r) => `exported snapshot ${r.snapshot} (${r.types.join(', ')}) to ${r.file}: ${r.bytes} bytes`,
    );
  });
}
