// Backing up a log (sign-ins, directory audits) as one JSONL item per UTC day, entries
// ordered by time then id. Entries come from the watermark the previous snapshot kept,
// minus an overlap for entries Entra publishes late; Graph lists them newest first, so
// each day is complete when an older one begins, and only one day of new entries is
// sorted at a time: up to DAY_MEMORY_BYTES of it in memory, the rest in encrypted sorted
// runs on disk (a day of a large tenant's sign-ins or audits can hold hundreds of
// thousands of entries). A day that gains entries is merged with its previous version as both stream
// (an entry already kept is kept once), once: the merged lines go into the repository
// through one reused chunk buffer, hashed on the way. Days that gain none are carried, and
// days Entra has dropped stay as the previous snapshot had them.
import { SpilledSort, type SortCodec } from '../../engine/spilled-sort.js';
import type { SnapshotItem } from '../../repository/index.js';
import { canonicalJson } from './item.js';
import { withoutAnnotations } from './live.js';
import { TYPE_ROUTES } from './routes.js';
import {
  DirectoryReadError,
  isTypeFailure,
  type TypeBackupInput,
  type TypeBackupOutcome,
} from './type-backup.js';
import { previousVersion, TypeWriter } from './type-writer.js';
import type { LogTypeDescriptor } from './types/index.js';

/** Entra publishes most entries within minutes of the event, a few much later. */
export const LOG_OVERLAP_MS = 60 * 60_000;
/** Lines are written in chunks of about this size. */
const CHUNK_BYTES = 64 * 1024;
/** New entries of one day held in memory before the rest are sorted on disk. */
const DAY_MEMORY_BYTES = 16 * 1024 * 1024;
const NEWLINE = 0x0a;

interface LogEntry {
  time: number;
  id: string;
  line: string;
}

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function compareEntries(a: { time: number; id: string }, b: { time: number; id: string }): number {
  return a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Entries in a sort run: time (float64), id length (uint16), id, then the line. */
const ENTRY_CODEC: SortCodec<LogEntry> = {
  compare: compareEntries,
  // A string's characters, plus the object and its two string headers.
  size: (entry) => entry.line.length + entry.id.length + 80,
  encode: ({ time, id, line }) => {
    const idBytes = Buffer.byteLength(id);
    const bytes = Buffer.allocUnsafe(10 + idBytes + Buffer.byteLength(line));
    bytes.writeDoubleBE(time, 0);
    bytes.writeUInt16BE(idBytes, 8);
    bytes.write(id, 10);
    bytes.write(line, 10 + idBytes);
    return bytes;
  },
  decode: (bytes) => {
    const idEnd = 10 + bytes.readUInt16BE(8);
    return {
      time: bytes.readDoubleBE(0),
      id: bytes.toString('utf8', 10, idEnd),
      line: bytes.toString('utf8', idEnd),
    };
  },
};

function entryOf(raw: Record<string, unknown>, timeProperty: string): LogEntry {
  const time = Date.parse(String(raw[timeProperty]));
  if (typeof raw.id !== 'string' || Number.isNaN(time)) {
    throw new DirectoryReadError(
      `a log entry without an id or a readable ${timeProperty}: ${JSON.stringify(raw)}`,
    );
  }
  return { time, id: raw.id, line: canonicalJson(withoutAnnotations(raw)) };
}

/** The lines of content that arrives in chunks (newline bytes never occur inside a UTF-8 character). */
async function* linesOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest = Buffer.alloc(0);
  for await (const chunk of chunks) {
    let buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    for (let end = buffer.indexOf(NEWLINE); end !== -1; end = buffer.indexOf(NEWLINE)) {
      if (end > 0) yield buffer.subarray(0, end).toString('utf8');
      buffer = buffer.subarray(end + 1);
    }
    rest = Buffer.from(buffer);
  }
  if (rest.length > 0) yield rest.toString('utf8');
}

/** The day's kept lines and its new entries (sorted, each once) in one order, each entry once. */
async function* mergedLines(
  kept: AsyncIterable<Buffer> | undefined,
  entries: AsyncIterable<LogEntry>,
  timeProperty: string,
): AsyncGenerator<string> {
  const fresh = entries[Symbol.asyncIterator]();
  let next = await fresh.next();
  for await (const line of kept ? linesOf(kept) : []) {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const key = { time: Date.parse(String(parsed[timeProperty])), id: String(parsed.id) };
    for (; !next.done && compareEntries(next.value, key) < 0; next = await fresh.next())
      yield next.value.line;
    if (!next.done && compareEntries(next.value, key) === 0) next = await fresh.next();
    yield line;
  }
  for (; !next.done; next = await fresh.next()) yield next.value.line;
}

/**
 * JSONL content: each line ends with a newline, gathered into chunks of one buffer that is
 * filled again once the repository asks for the next chunk (it copies what it reads).
 */
async function* jsonl(lines: AsyncIterable<string>): AsyncGenerator<Buffer> {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for await (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (used > 0 && used + size > CHUNK_BYTES) {
      yield chunk.subarray(0, used);
      used = 0;
    }
    if (size > CHUNK_BYTES) {
      yield Buffer.from(`${line}\n`);
      continue;
    }
    used += chunk.write(line, used);
    chunk[used++] = NEWLINE;
  }
  if (used > 0) yield chunk.subarray(0, used);
}

export async function backupLogType(
  descriptor: LogTypeDescriptor,
  input: TypeBackupInput,
): Promise<TypeBackupOutcome> {
  const { type, timeProperty } = descriptor;
  const writer = new TypeWriter(type, input.watermark ? 'watermark' : 'full', input.sink, input.onItems);
  const since = input.watermark ? Date.parse(input.watermark) - LOG_OVERLAP_MS : undefined;

  // Days before the first one the query can reach are carried now; the others may gain entries.
  const open = new Map<string, SnapshotItem>();
  for await (const item of input.previous?.itemsOf(type) ?? []) {
    const day = previousVersion(item).objectId;
    if (since !== undefined && day < dayOf(since)) await writer.carry(item);
    else open.set(day, item);
  }

  const newDay = () =>
    new SpilledSort(ENTRY_CODEC, { memoryBytes: input.logDayMemoryBytes ?? DAY_MEMORY_BYTES });
  const writeDay = async (day: string, entries: SpilledSort<LogEntry>) => {
    const kept = open.get(day);
    open.delete(day);
    const lines = mergedLines(kept && input.previous?.content(kept), entries.sorted(), timeProperty);
    await writer.writeStream(day, day, jsonl(lines), kept && previousVersion(kept).versionHash);
  };

  let newest = input.watermark ? Date.parse(input.watermark) : undefined;
  let entries = newDay();
  try {
    const filter = since === undefined ? undefined : `${timeProperty} ge ${new Date(since).toISOString()}`;
    let day: string | undefined;
    for await (const raw of input.graph.list<Record<string, unknown>>(TYPE_ROUTES[type].path, {
      $filter: filter,
    })) {
      const entry = entryOf(raw, timeProperty);
      const entryDay = dayOf(entry.time);
      if (day !== undefined && entryDay !== day) {
        if (entryDay > day)
          throw new DirectoryReadError(`${TYPE_ROUTES[type].path} did not list newest first`);
        await writeDay(day, entries);
        await entries.dispose();
        entries = newDay();
      }
      day = entryDay;
      await entries.add(entry);
      newest = Math.max(newest ?? entry.time, entry.time);
    }
    if (day !== undefined) await writeDay(day, entries);
  } catch (error) {
    if (!isTypeFailure(error)) throw error;
    for (const item of open.values()) await writer.carry(item);
    return { summary: writer.finish(error), watermark: input.watermark };
  } finally {
    await entries.dispose();
  }
  for (const item of open.values()) await writer.carry(item);
  return {
    summary: writer.finish(),
    watermark: newest === undefined ? undefined : new Date(newest).toISOString(),
  };
}
