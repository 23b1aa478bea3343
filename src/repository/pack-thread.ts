// The pack thread: compresses, encrypts and packs the blobs writers send it, so that work
// runs beside the writer's reading, chunking and hashing. One thread serves every writer
// of a process, each through its own message port (see packer.ts).
import { parentPort, type MessagePort } from 'node:worker_threads';
import { readRecords } from './blob-batch.js';
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
/** One for the pack being filled and one for each upload a writer runs at once. */
const MAX_SPARE = 3;
let sessions = 0;

function serve({ key: keyBytes, packSize, port }: SessionStart): void {
  const key = Buffer.from(keyBytes);
  let pack: PackBuilder | undefined;
  const send = (message: FromPackThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const finish = () => {
    if (!pack) return;
    const { id, data, header } = pack.finish();
    pack = undefined;
    send({ kind: 'pack', id, data: data.buffer as ArrayBuffer, length: data.length, header }, [
      data.buffer as ArrayBuffer,
    ]);
  };

  sessions += 1;
  port.on('message', (message: ToPackThread) => {
    try {
      switch (message.kind) {
        case 'batch':
          for (const record of readRecords(Buffer.from(message.data, 0, message.length))) {
            // Room for a full pack plus the blob that overfills it; pages never written cost nothing.
            pack ??= new PackBuilder(key, spare.pop() ?? Buffer.allocUnsafeSlow(2 * packSize));
            if (record.sealed) pack.addSealed(record.id, record.type, record.rawLength, record.bytes);
            else pack.addContent(record.id, record.type, record.bytes);
            if (pack.length >= packSize) finish();
          }
          send({ kind: 'batch-done', data: message.data }, [message.data]);
          break;
        case 'flush':
          if (message.partial) finish();
          send({ kind: 'flushed' });
          break;
        case 'pack-buffer':
          if (spare.length < MAX_SPARE) spare.push(Buffer.from(message.data));
          break;
      }
    } catch (error) {
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
