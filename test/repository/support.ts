// Shared helpers for repository tests: temporary repositories with cheap key derivation
// and small chunks/packs so tests exercise many chunks and packs with little data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { FsBackend, Repository, type InitOptions } from '../../src/repository/index.js';

export const PASSWORD = 'correct horse battery staple';

export const TEST_OPTIONS: InitOptions = {
  scrypt: { N: 1024, r: 8, p: 1 },
  chunker: { min: 16 * 1024, avg: 64 * 1024, max: 256 * 1024 },
  packSize: 512 * 1024,
};

export async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tenantvault-repo-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function tempRepository(
  t: { after: (fn: () => Promise<void>) => void },
  options: InitOptions = {},
): Promise<{ dir: string; backend: FsBackend; repository: Repository }> {
  const dir = await tempDir(t);
  const backend = new FsBackend(dir);
  const repository = await Repository.init(backend, PASSWORD, { ...TEST_OPTIONS, ...options });
  return { dir, backend, repository };
}

/** Deterministic pseudo-random bytes (incompressible), from a seed. */
export function randomData(seed: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  let counter = 0;
  for (let offset = 0; offset < length; offset += 32) {
    createHash('sha256').update(`${seed}:${counter++}`).digest().copy(out, offset);
  }
  return out;
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
