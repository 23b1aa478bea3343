// The tenant's previous directory snapshot, as a backup continues from it: its state
// (delta links, log watermarks, types covered) and its items one type after another. A
// backup writes types in DIRECTORY_TYPES order, so a single pass over the item list
// serves every type; a type the pass has already gone beyond (a snapshot written in
// another order, or a type read twice) is read again from the start. Types read alongside
// the others (the logs) get a reader with a pass of its own that skips every other type.
import { catalogedSnapshots, rebuild, type Catalog } from '../catalog/index.js';
import {
  SnapshotNotFoundError,
  type Repository,
  type SnapshotItem,
  type SnapshotSummary,
} from '../repository/index.js';
import type { PreviousItems } from '../workloads/directory/backup.js';
import {
  DIRECTORY_TYPES,
  DIRECTORY_WORKLOAD,
  parseItemPath,
  type DirectoryType,
} from '../workloads/directory/item.js';
import { stateOf, type DirectorySnapshotState } from '../workloads/directory/snapshot-meta.js';

function typeOf(item: SnapshotItem): DirectoryType | undefined {
  return parseItemPath(item.path)?.type;
}

export class PreviousSnapshot implements PreviousItems {
  readonly state: DirectorySnapshotState;
  private readonly pass: AsyncIterator<SnapshotItem>;
  /** Read by the pass but of a later type. */
  private held: SnapshotItem | undefined;
  /** Types the pass has gone beyond. */
  private readonly passed = new Set<DirectoryType>();

  /** `types`: the types this reader serves, in the order they are asked for. */
  constructor(
    private readonly repository: Repository,
    readonly snapshot: SnapshotSummary,
    private readonly types: readonly DirectoryType[] = DIRECTORY_TYPES,
  ) {
    this.state = stateOf(snapshot.meta);
    this.pass = repository.items(snapshot.id)[Symbol.asyncIterator]();
  }

  /** A reader of the same snapshot for some types only, with a pass of its own. */
  readerOf(types: readonly DirectoryType[]): PreviousSnapshot {
    return new PreviousSnapshot(this.repository, this.snapshot, types);
  }

  content(item: SnapshotItem): AsyncIterable<Buffer> {
    return this.repository.readContent(item);
  }

  async *itemsOf(type: DirectoryType): AsyncGenerator<SnapshotItem> {
    if (this.passed.has(type)) {
      for await (const item of this.repository.items(this.snapshot.id)) if (typeOf(item) === type) yield item;
      return;
    }
    const position = this.types.indexOf(type);
    if (position < 0) throw new Error(`this reader of the previous snapshot does not serve ${type}`);
    try {
      for (;;) {
        const item = this.held ?? (await this.next());
        this.held = undefined;
        if (!item) return;
        const itemType = typeOf(item);
        const itemPosition = itemType === undefined ? -1 : this.types.indexOf(itemType);
        if (itemType === type) {
          yield item;
        } else if (itemPosition > position) {
          this.held = item;
          return;
        } else if (itemType !== undefined && itemPosition >= 0) {
          this.passed.add(itemType);
        }
      }
    } finally {
      this.passed.add(type);
    }
  }

  private async next(): Promise<SnapshotItem | undefined> {
    const result = await this.pass.next();
    return result.done ? undefined : result.value;
  }
}

export async function snapshotIfPresent(
  repository: Repository,
  id: string,
): Promise<SnapshotSummary | undefined> {
  try {
    return await repository.snapshot(id);
  } catch (error) {
    if (error instanceof SnapshotNotFoundError) return undefined;
    throw error;
  }
}

/**
 * The tenant's newest directory snapshot. The catalog names it; when the catalog knows
 * none, or names one the repository no longer holds, the repository's own list decides
 * and the tenant's catalog rows, only an index of the repository, are rebuilt from it.
 */
export async function findPreviousSnapshot(
  catalog: Catalog,
  repository: Repository,
  tenantId: string,
): Promise<PreviousSnapshot | undefined> {
  const catalogued = (await catalog.listSnapshots(tenantId, DIRECTORY_WORKLOAD)).filter(
    (snapshot) => snapshot.status !== 'running' && snapshot.repositorySnapshotId !== null,
  );
  const newestId = catalogued.at(-1)?.repositorySnapshotId;
  const newest = newestId ? await snapshotIfPresent(repository, newestId) : undefined;
  if (newest) return new PreviousSnapshot(repository, newest);

  const { snapshots } = await catalogedSnapshots(repository);
  const listed = snapshots
    .filter(({ meta }) => meta.tenantId === tenantId && meta.workload === DIRECTORY_WORKLOAD)
    .at(-1);
  if (listed || catalogued.length > 0) {
    // One repository per tenant: the tenant's rows are the repository's snapshots, nothing else.
    await catalog.clearTenant(tenantId);
    await rebuild(catalog, repository);
  }
  return listed && new PreviousSnapshot(repository, listed.snapshot);
}
