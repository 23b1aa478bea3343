// What a backup changed against the snapshot it continues from, as the catalog needs it:
// the item types whose objects it carried unless told otherwise, and the objects it did
// not carry unchanged (the written ones with their catalog records, the removed ones by
// key). The catalog then extends the carried versions in bulk and records only these, so
// recording an incremental backup costs what changed, not what the tenant holds.
import type { CarriedItems, ItemRecord } from '../catalog/index.js';
import type { DirectoryType } from '../workloads/directory/item.js';
import type { ObjectChange } from '../workloads/directory/backup.js';

/**
 * Changes kept at most (a few MB). A backup that changes more, such as one that reads a
 * newly selected type whole, is recorded item by item from the repository instead.
 */
export const SNAPSHOT_CHANGES_LIMIT = 20_000;

export class SnapshotChanges {
  private readonly carriedTypes: DirectoryType[] = [];
  private written: ItemRecord[] = [];
  private removed: { itemType: string; objectId: string }[] = [];
  private overflowed = false;

  /** `fromSnapshotId`: the repository snapshot the backup carries items from. */
  constructor(
    readonly fromSnapshotId: string,
    private readonly limit = SNAPSHOT_CHANGES_LIMIT,
  ) {}

  /** A type whose every object of the previous snapshot the backup accounts for: carried unless changed. */
  carries(type: DirectoryType): void {
    this.carriedTypes.push(type);
  }

  /** Hears of one object not carried unchanged (the sink's `changed`). */
  note(change: ObjectChange): void {
    if (this.overflowed) return;
    if (this.written.length + this.removed.length >= this.limit) {
      this.overflowed = true;
      this.written = [];
      this.removed = [];
    } else if (change.kind === 'written') {
      this.written.push(change.record);
    } else {
      this.removed.push({ itemType: change.itemType, objectId: change.objectId });
    }
  }

  /** Whether every change was kept, so the catalog may carry the rest. */
  get complete(): boolean {
    return !this.overflowed;
  }

  /** What the catalog extends in bulk: every version of the carried types but the changed and removed ones. */
  carriedItems(): CarriedItems {
    return {
      fromRepositorySnapshotId: this.fromSnapshotId,
      itemTypes: this.carriedTypes,
      except: [...this.written, ...this.removed],
    };
  }

  /** The added and changed items, recorded one by one. */
  writtenItems(): readonly ItemRecord[] {
    return this.written;
  }
}
