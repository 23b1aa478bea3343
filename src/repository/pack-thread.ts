// The pack thread: compresses, encrypts and packs the blobs writers send it, so that work
// runs beside the writer's reading, chunking and hashing. One thread serves every writer
// of a process, each through its own message port (see packer.ts).
import { parentPort, type MessagePort } from 'node:worker_threads';
import { readRecords, type BatchRecord } from './blob-batch.js';
import { PackBuilder } from './pack-builder.js';

/** Opens a writer's session: its encryption key, target pack size and port. */
export interface SessionStart {
  key: Uint8Array;
  packSize: number;
  port: MessagePort;
}

export type ToPackThread =
  /** Records to pack (see blob-batch.ts); the buffer comes back with batch-done. */
  | { kind: 'batch'; data: ArrayBuffer; length: number }
  /** Answered by flushed once all batches before it are packed, and the partial pack too if `partial`. */
  | { kind: 'flush'; partial: boolean }
  /** A pack's buffer, uploaded and free to reuse. */
  | { kind: 'pack-buffer'; data: ArrayBuffer };

export type FromPackThread =
  | { kind: 'batch-done'; data: ArrayBuffer }
  | { kind: 'pack'; id: string; data: ArrayBuffer; length: number; header: Uint8Array }
  | { kind: 'flushed' }
  | { kind: 'error'; message: string };

/** Pack buffers kept for reuse: filling fresh memory costs a page fault every 4 KiB. */
const spare: Buffer[] = [];
/**
 * Pack buffers a session may hold: the one being filled and the one its writer is writing
 * out (it comes back once the backend has the bytes). A session that needs a third waits:
 * a pack buffer is the largest thing a backup holds in memory.
 */
const BUFFERS_PER_SESSION = 2;
/** Returned buffers kept: what one session uses. */
const MAX_SPARE = BUFFERS_PER_SESSION;
let sessions = 0;

function serve({ key: keyBytes, packSize, port }: SessionStart): void {
  const key = Buffer.from(keyBytes);
  let pack: PackBuilder | undefined;
  let buffers = 0;
  /** Messages not handled yet, in order: batches wait while no pack buffer is free. */
  const queue: ToPackThread[] = [];
  /** The batch being packed and its records not packed yet. */
  let current:
    { data: ArrayBuffer; records: Generator<BatchRecord>; next: IteratorResult<BatchRecord> } | undefined;
  const send = (message: FromPackThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const finish = () => {
    if (!pack) return;
    const { id, data, header } = pack.finish();
    pack = undefined;
    send({ kind: 'pack', id, data: data.buffer as ArrayBuffer, length: data.length, header }, [
      data.buffer as ArrayBuffer,
    ]);
  };
  /** Packs what it can; returns when the queue is empty or a pack buffer is needed and none is free. */
  const work = () => {
    for (;;) {
      if (!current) {
        const message = queue.shift();
        if (!message) return;
        if (message.kind === 'flush') {
          if (message.partial) finish();
          send({ kind: 'flushed' });
          continue;
        }
        if (message.kind !== 'batch') continue;
        const records = readRecords(Buffer.from(message.data, 0, message.length));
        current = { data: message.data, records, next: records.next() };
      }
      for (; !current.next.done; current.next = current.records.next()) {
        const record = current.next.value;
        if (!pack) {
          if (buffers === BUFFERS_PER_SESSION) return; // resumed by the buffer's return
          buffers += 1;
          // Room for a full pack plus the blob that overfills it; pages never written cost nothing.
          pack = new PackBuilder(key, spare.pop() ?? Buffer.allocUnsafeSlow(2 * packSize));
        }
        if (record.sealed) pack.addSealed(record.id, record.type, record.rawLength, record.bytes);
        else pack.addContent(record.id, record.type, record.bytes);
        if (pack.length >= packSize) finish();
      }
      send({ kind: 'batch-done', data: current.data }, [current.data]);
      current = undefined;
    }
  };

  sessions += 1;
  port.on('message', (message: ToPackThread) => {
    try {
      if (message.kind === 'pack-buffer') {
        buffers -= 1;
        if (spare.length < MAX_SPARE) spare.push(Buffer.from(message.data));
      } else {
        queue.push(message);
      }
      work();
    } catch (error) {
      // The writer fails on this; nothing more of its session is packed.
      current = undefined;
      queue.length = 0;
      send({
        kind: 'error',
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
  port.on('close', () => {
    sessions -= 1;
    // An idle process keeps no pack buffers.
    if (sessions === 0) spare.length = 0;
  });
}

parentPort?.on('message', serve);
