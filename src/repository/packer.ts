// Collects blobs into packs of about the target size and uploads each pack with its own
// index file right after it, so a completed pack is reusable even when the writer dies
// later. Compression, encryption and packing run on the pack thread (pack-thread.ts):
// blobs go there in batches and come back as finished packs, which are uploaded here.
// In memory at most: two batches of 4 MiB (one filling, one being packed) and two packs
// (one being filled, one being written out: it goes back to the thread once the backend
// has its bytes, before the fsync).
import { extname } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Backend } from './backend.js';
import type { BlobIndex } from './blob-index.js';
import { recordLength, writeRecord, type BatchRecord } from './blob-batch.js';
import type { RepositoryKeys } from './crypto.js';
import { RepositoryError } from './errors.js';
import { packFileName, parseHeader, type BlobType } from './pack.js';
import type { FromPackThread, SessionStart, ToPackThread } from './pack-thread.js';

export interface PackerStats {
  packs: number;
  bytes: number;
}

/** Two uploads overlap the disk's or network's latency without holding many packs. */
const MAX_UPLOADS = 2;
/** One batch filling while the other is packed: more only hold memory, neither thread gets ahead. */
const MAX_BATCHES = 2;
/** Holds a thousand mails or the largest default chunk: per-message costs vanish. */
const BATCH_BYTES = 4 * 1024 * 1024 + 4096;

let thread: Worker | undefined;
/** Why the pack thread last stopped, for the writers it served. */
let threadError: Error | undefined;

/** The pack thread, started on first use and shared by every writer of the process. */
export function packThread(): Worker {
  if (thread) return thread;
  // pack-thread.js once compiled, pack-thread.ts from source: the extension of this module.
  const extension = extname(new URL(import.meta.url).pathname);
  const entry = new URL(`./pack-thread${extension}`, import.meta.url);
  // From source, under tsx: Node 20 gives worker threads none of the parent's module hooks,
  // so the thread registers tsx itself before it loads its TypeScript entry.
  // Its objects (batch records, pack headers) die young: a small young generation keeps the
  // thread's heap a few MiB instead of growing to V8's default of tens.
  const resourceLimits = { maxYoungGenerationSizeMb: 4 };
  const started =
    extension === '.ts'
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
            `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
          { eval: true, resourceLimits },
        )
      : new Worker(entry, { resourceLimits });
  // Idle, it does not keep the process alive; a writer waiting for it references its own port.
  started.unref();
  // Writers learn of a failure through their ports closing.
  started.on('error', (error) => (threadError = error));
  started.on('exit', () => {
    if (thread === started) thread = undefined;
  });
  thread = started;
  return started;
}

export class Packer {
  private readonly port: MessagePort;
  /** The batch being filled (none until the first blob after a send). */
  private batch: Buffer | undefined;
  private batchLength = 0;
  private readonly freeBatches: Buffer[] = [];
  private batchBuffers = 0;
  private flushes = 0;
  private readonly uploads = new Set<Promise<void>>();
  private failure: Error | undefined;
  private closed = false;
  private wake: (() => void) | undefined;
  /** Blobs added but not yet findable in the index (their pack is filling or uploading). */
  private readonly unindexed = new Set<string>();
  readonly stats: PackerStats = { packs: 0, bytes: 0 };

  constructor(
    private readonly backend: Backend,
    keys: RepositoryKeys,
    private readonly index: BlobIndex,
    packSize: number,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const start: SessionStart = { key: keys.encryption, packSize, port: port2 };
    packThread().postMessage(start, [port2]);
    port1.on('message', (message: FromPackThread) => this.receive(message));
    port1.on('close', () => {
      if (!this.closed) {
        const reason = threadError ? `: ${threadError.message}` : '';
        this.fail(new RepositoryError(`the pack thread stopped${reason}`));
      }
    });
    port1.unref();
  }

  /** Whether a blob was added and its pack is not indexed yet (the index answers after that). */
  holds(blob: string): boolean {
    return this.unindexed.has(blob);
  }

  /** Adds a blob's content, to be sealed (compressed when that pays, encrypted) and packed. */
  add(id: Buffer, type: BlobType, content: Buffer): Promise<void> {
    return this.enqueue({ sealed: false, type, rawLength: content.length, id, bytes: content });
  }

  /** Adds a blob sealed already (prune moves blobs as they are). */
  addSealed(id: Buffer, type: BlobType, rawLength: number, sealed: Buffer): Promise<void> {
    return this.enqueue({ sealed: true, type, rawLength, id, bytes: sealed });
  }

  /** Uploads everything still pending. */
  async close(): Promise<void> {
    try {
      await this.drain(true);
    } finally {
      this.shutDown();
    }
  }

  /**
   * Gives up: packs already full are still uploaded (a later writer reuses their blobs),
   * the one being filled is dropped. Failures no longer matter.
   */
  async abandon(): Promise<void> {
    await this.drain(false).catch(() => undefined);
    this.shutDown();
    await Promise.allSettled([...this.uploads]);
  }

  /** Waits until every blob added is packed and uploaded, but for the partial pack unless `partial`. */
  private async drain(partial: boolean): Promise<void> {
    if (this.failure) throw this.failure;
    this.send();
    this.post({ kind: 'flush', partial });
    await this.until(() => this.flushes === 1 && this.uploads.size === 0);
  }

  private async enqueue(record: BatchRecord): Promise<void> {
    if (this.failure) throw this.failure;
    const length = recordLength(record.bytes.length);
    if (this.batch && this.batchLength + length > this.batch.length) this.send();
    if (!this.batch) {
      // Sending waits here, not on the thread: this keeps the writer at most a few batches ahead.
      await this.until(
        () =>
          (this.freeBatches.length > 0 || this.batchBuffers < MAX_BATCHES) && this.uploads.size < MAX_UPLOADS,
      );
      this.batch = this.freeBatches.pop();
      if (!this.batch) {
        this.batch = Buffer.allocUnsafeSlow(BATCH_BYTES);
        this.batchBuffers += 1;
      }
    }
    // A blob larger than a batch goes alone in a buffer of its size.
    if (length > this.batch.length) this.batch = Buffer.allocUnsafeSlow(length);
    this.batchLength = writeRecord(this.batch, this.batchLength, record);
    this.unindexed.add(record.id.toString('hex'));
  }

  /** Hands the batch being filled to the pack thread. */
  private send(): void {
    if (!this.batch) return;
    const data = this.batch.buffer as ArrayBuffer;
    this.post({ kind: 'batch', data, length: this.batchLength }, [data]);
    this.batch = undefined;
    this.batchLength = 0;
  }

  private receive(message: FromPackThread): void {
    switch (message.kind) {
      case 'batch-done':
        this.freeBatches.push(Buffer.from(message.data));
        break;
      case 'pack': {
        const upload = this.upload(message).catch((error: unknown) => this.fail(error));
        this.uploads.add(upload);
        void upload.finally(() => {
          this.uploads.delete(upload);
          this.notify();
        });
        break;
      }
      case 'flushed':
        this.flushes += 1;
        break;
      case 'error':
        this.fail(new RepositoryError(`packing failed: ${message.message}`));
        break;
    }
    this.notify();
  }

  private async upload({ id, data, length, header }: FromPackThread & { kind: 'pack' }): Promise<void> {
    const file = packFileName(id);
    const blobs = parseHeader(file, Buffer.from(header.buffer, header.byteOffset, header.length));
    // The thread builds its next pack in this buffer rather than in fresh memory, as soon
    // as the backend has the bytes: a pack is not held through the fsync.
    let returned = false;
    const giveBack = () => {
      if (!returned) this.post({ kind: 'pack-buffer', data }, [data]);
      returned = true;
    };
    await this.backend.put(file, Buffer.from(data, 0, length), giveBack);
    giveBack();
    await this.index.write([{ id, blobs }]);
    for (const blob of blobs) this.unindexed.delete(blob.id.toString('hex'));
    this.stats.packs += 1;
    this.stats.bytes += length;
  }

  /** Resolves once `ready()` holds; throws once anything failed. */
  private async until(ready: () => boolean): Promise<void> {
    while (!this.failure && !ready()) {
      // Waiting on the thread alone must keep the process alive.
      this.port.ref();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.port.unref();
    }
    if (this.failure) throw this.failure;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private post(message: ToPackThread, transfer: ArrayBuffer[] = []): void {
    if (!this.closed) this.port.postMessage(message, transfer);
  }

  private fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    this.notify();
  }

  /** Ends the session: the thread drops whatever it holds for this writer. */
  private shutDown(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
  }
}
