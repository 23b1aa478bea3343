// Which snapshot of a tenant's workload a reference names. People and scripts name a
// snapshot by its sequence number (3), relative to the newest ("latest", "previous",
// "latest~2"), by its repository snapshot id or a prefix of at least 8 hex digits (as
// `tenantvault repo snapshots` shows them), or by a point in time (2026-11-20, or
// 2026-11-20T09:30Z: the newest snapshot taken by then; a bare day means its end, UTC). Numbers are the catalog's; a repository
// without a catalog numbers its snapshots the way `catalog rebuild` would.
import { catalogedSnapshots, type Catalog, type Snapshot } from '../catalog/index.js';
import type { Repository } from '../repository/index.js';

/** A snapshot as references see it, oldest first in every list. */
export type SnapshotEntry = Pick<
  Snapshot,
  'seq' | 'repositorySnapshotId' | 'startedAt' | 'finishedAt' | 'status'
>;

/** A snapshot whose content can be read: it has been committed to the repository. */
export type ReadableSnapshot = SnapshotEntry & { repositorySnapshotId: string };

/** A reference to a snapshot or an object that names none, or more than one: the input needs correcting. */
export class BadReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadReferenceError';
  }
}

const RELATIVE = /^(?:latest(?:~(\d+))?|previous)$/;
const SEQUENCE_NUMBER = /^\d{1,7}$/;
const SNAPSHOT_ID_PREFIX = /^[0-9a-f]{8,64}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** The instant a time reference means, or undefined when the reference is not a time. */
function timeOf(reference: string): number | undefined {
  if (DAY.test(reference)) return Date.parse(`${reference}T23:59:59.999Z`);
  if (!TIME.test(reference)) return undefined;
  // Without an offset the time is read as UTC, as every time tenantvault prints is.
  return Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/.test(reference) ? reference : `${reference}Z`);
}

function snapshotAt(reference: string, at: number, readable: readonly ReadableSnapshot[]): ReadableSnapshot {
  if (Number.isNaN(at)) throw new BadReferenceError(`"${reference}" is not a valid date or time`);
  const found = readable.filter((entry) => Date.parse(entry.startedAt) <= at).at(-1);
  if (found) return found;
  throw new BadReferenceError(
    readable.length === 0
      ? 'there are no finished snapshots yet'
      : `no snapshot was taken by ${reference}; the first was started at ${readable[0]!.startedAt}`,
  );
}

function isReadable(entry: SnapshotEntry): entry is ReadableSnapshot {
  return entry.status !== 'running' && entry.repositorySnapshotId !== null;
}

/** The snapshots whose content can be read, in the given order. */
export function readableSnapshots<T extends SnapshotEntry>(entries: readonly T[]): (T & ReadableSnapshot)[] {
  return entries.filter((entry): entry is T & ReadableSnapshot => isReadable(entry));
}

function readableOrExplain(entry: SnapshotEntry): ReadableSnapshot {
  if (isReadable(entry)) return entry;
  throw new BadReferenceError(`snapshot ${entry.seq} is still running; it has no content to read yet`);
}

export function resolveSnapshotReference(
  reference: string,
  snapshots: readonly SnapshotEntry[],
): ReadableSnapshot {
  const readable = readableSnapshots(snapshots);
  const relative = RELATIVE.exec(reference);
  if (relative) {
    const back = reference === 'previous' ? 1 : Number(relative[1] ?? 0);
    const found = readable[readable.length - 1 - back];
    if (found) return found;
    throw new BadReferenceError(
      readable.length === 0
        ? 'there are no finished snapshots yet'
        : `"${reference}" goes back ${back} snapshot(s), but there are only ${readable.length}`,
    );
  }
  const at = timeOf(reference);
  if (at !== undefined) return snapshotAt(reference, at, readable);
  if (SEQUENCE_NUMBER.test(reference)) {
    const seq = Number(reference);
    const found = snapshots.find((entry) => entry.seq === seq);
    if (found) return readableOrExplain(found);
    const range =
      snapshots.length === 0 ? 'there are none' : `they are ${snapshots[0]!.seq} to ${snapshots.at(-1)!.seq}`;
    throw new BadReferenceError(`there is no snapshot ${seq} (${range})`);
  }
  if (SNAPSHOT_ID_PREFIX.test(reference)) {
    const prefix = reference.toLowerCase();
    const matches = snapshots.filter((entry) => entry.repositorySnapshotId?.startsWith(prefix));
    if (matches.length === 1) return readableOrExplain(matches[0]!);
    throw new BadReferenceError(
      matches.length === 0
        ? `no snapshot has a repository id starting with ${reference}`
        : `${reference} is ambiguous: snapshots ${matches.map((entry) => entry.seq).join(', ')} start with it`,
    );
  }
  throw new BadReferenceError(
    `"${reference}" is not a snapshot reference: use a number (3), latest, previous, latest~N, a repository snapshot id (8 or more hex digits) or a date/time (2026-11-20, 2026-11-20T09:30Z)`,
  );
}

/** A tenant's snapshots of a workload as the repository alone knows them, numbered as a rebuilt catalog would. */
export async function repositorySnapshotEntries(
  repository: Repository,
  tenantId: string,
  workload: string,
): Promise<SnapshotEntry[]> {
  const { snapshots } = await catalogedSnapshots(repository);
  return snapshots
    .filter(({ meta }) => meta.tenantId === tenantId && meta.workload === workload)
    .map(({ snapshot, meta }, index) => ({
      seq: index + 1,
      repositorySnapshotId: snapshot.id,
      startedAt: meta.startedAt,
      finishedAt: meta.finishedAt,
      status: meta.status,
    }));
}

/**
 * The snapshots references resolve against when reading content: the catalog's when it
 * has any for the tenant's workload (its numbers are the ones people see elsewhere),
 * otherwise the repository's own, so export and show work with only the repository.
 */
export async function readableSnapshotEntries(
  tenantId: string,
  workload: string,
  sources: { catalog: Catalog; repository: Repository },
): Promise<SnapshotEntry[]> {
  const catalogued = await sources.catalog.listSnapshots(tenantId, workload);
  return catalogued.length > 0
    ? catalogued
    : repositorySnapshotEntries(sources.repository, tenantId, workload);
}
