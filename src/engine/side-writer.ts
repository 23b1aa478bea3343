// A second writer into one snapshot. A snapshot writer adds one item at a time, so work
// that runs alongside the main writer's (the log types, read while the directory types
// are) writes through a writer of its own; its content is stored without a snapshot and
// its items are then added to the main writer's snapshot, pointing at that content. What
// it holds meanwhile is one small record per item (path, id, metadata, content ids).
import type { Repository, SnapshotItem, SnapshotWriter } from '../repository/index.js';
import type { ItemSink } from '../workloads/directory/backup.js';

export class SideWriter {
  private readonly items: SnapshotItem[] = [];

  private constructor(private readonly writer: SnapshotWriter) {}

  static async start(repository: Repository): Promise<SideWriter> {
    return new SideWriter(await repository.startSnapshot());
  }

  /** Where the work running alongside writes; `changed` hears of its changes as the main sink's does. */
  sink(changed: ItemSink['changed']): ItemSink {
    return {
      addItem: async (item) => {
        const stored = await this.writer.addItem(item);
        this.items.push(stored);
        return stored;
      },
      changed,
    };
  }

  /** Stores the content and adds the items to the snapshot, in the order they were written. */
  async addTo(snapshot: SnapshotWriter): Promise<void> {
    await this.writer.commitContent();
    for (const { path, id, metadata, content } of this.items) {
      await snapshot.addItem({ path, id, metadata, existingContent: content });
    }
  }

  abort(): Promise<void> {
    return this.writer.abort();
  }
}
