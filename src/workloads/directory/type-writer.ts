// Writes one type's items into the snapshot and counts what happened to them against the
// previous snapshot: added, changed, unchanged ("carried") or removed. Items freshly read
// are encoded with their catalog metadata; items carried point at the previous
// snapshot's content and keep its metadata, so they cost a few bytes. The sink hears of
// every object not carried unchanged, so the catalog can carry the rest in bulk.
import type { CatalogItemMetadata, ItemRecord } from '../../catalog/index.js';
import type { NewItem, SnapshotItem } from '../../repository/index.js';
import {
  encodeItem,
  itemMetadata,
  itemPath,
  parseItemPath,
  StreamingVersionHash,
  type DirectoryItem,
  type DirectoryItemMetadata,
  type DirectoryType,
} from './item.js';
import type { ReadMode, TypeSummary } from './snapshot-meta.js';

/** An object the snapshot does not carry unchanged: written anew (added or changed), or removed. */
export type ObjectChange =
  { kind: 'written'; record: ItemRecord } | { kind: 'removed'; itemType: DirectoryType; objectId: string };

/** Where items go: the snapshot writer; and, if it listens, what changed. */
export interface ItemSink {
  /** Answers the item as stored, its metadata taken (from a function) once the content is stored. */
  addItem(item: NewItem): Promise<{ metadata: unknown }>;
  changed?(change: ObjectChange): void;
}

/** Progress is reported every this many items (the engine reports the total when a type is done). */
const PROGRESS_EVERY = 100;

/** The object id, version hash and owner an item of an earlier snapshot was written with. */
export function previousVersion(item: SnapshotItem): {
  objectId: string;
  versionHash: string | undefined;
  owner: string | undefined;
} {
  const metadata = (item.metadata ?? {}) as Partial<DirectoryItemMetadata>;
  const objectId = metadata.objectId ?? parseItemPath(item.path)?.objectId ?? item.id;
  return { objectId, versionHash: metadata.versionHash, owner: metadata.owner };
}

export class TypeWriter {
  readonly summary: TypeSummary;

  constructor(
    private readonly type: DirectoryType,
    mode: ReadMode,
    private readonly sink: ItemSink,
    private readonly onItems: (items: number) => void,
  ) {
    this.summary = { mode, items: 0, added: 0, changed: 0, removed: 0, carried: 0, error: null };
  }

  /** An object as read now; `previousHash` is its version in the previous snapshot, if it had one. */
  async writeObject(
    item: DirectoryItem,
    displayName: string | null,
    previousHash: string | undefined,
    owner?: string,
  ): Promise<void> {
    const content = encodeItem(item);
    const metadata = itemMetadata(this.type, item.id, displayName, content, owner);
    await this.add({ path: itemPath(this.type, item.id), id: item.id, metadata, content }, previousHash);
  }

  /** Content written as it streams (a log day), hashed on its way into the repository. */
  async writeStream(
    objectId: string,
    displayName: string,
    content: AsyncIterable<Uint8Array>,
    previousHash: string | undefined,
  ): Promise<void> {
    const hash = new StreamingVersionHash();
    const metadata = (): CatalogItemMetadata => ({
      itemType: this.type,
      objectId,
      displayName,
      versionHash: hash.digest(),
    });
    const item = {
      path: itemPath(this.type, objectId),
      id: objectId,
      metadata,
      content: hash.through(content),
    };
    await this.add(item, previousHash);
  }

  /** An item of the previous snapshot kept as it was; `owner` names its owner when its metadata does not yet. */
  async carry(item: SnapshotItem, owner?: string): Promise<void> {
    const metadata = owner === undefined ? item.metadata : { ...(item.metadata as object), owner };
    await this.sink.addItem({ path: item.path, id: item.id, metadata, existingContent: item.content });
    this.summary.carried += 1;
    this.counted();
  }

  /** An object of the previous snapshot that is gone. */
  removed(objectId: string): void {
    this.summary.removed += 1;
    this.sink.changed?.({ kind: 'removed', itemType: this.type, objectId });
  }

  /** The type's summary; a type that failed says why (what it carried stands in for the rest). */
  finish(error?: unknown): TypeSummary {
    if (error !== undefined) this.summary.error = error instanceof Error ? error.message : String(error);
    return this.summary;
  }

  private async add(item: NewItem, previousHash: string | undefined): Promise<void> {
    const metadata = (await this.sink.addItem(item)).metadata as CatalogItemMetadata;
    if (previousHash === metadata.versionHash) {
      this.summary.carried += 1;
    } else {
      if (previousHash === undefined) this.summary.added += 1;
      else this.summary.changed += 1;
      this.sink.changed?.({ kind: 'written', record: { ...metadata, contentRef: item.path } });
    }
    this.counted();
  }

  private counted(): void {
    this.summary.items += 1;
    if (this.summary.items % PROGRESS_EVERY === 0) this.onItems(this.summary.items);
  }
}
