// Repository benchmark: tenantvault versus restic on the same generated corpus (mail-like
// small items plus large incompressible files, then 1% changed), and reading one item
// from a repository of a million items. Method and results: bench/README.md.
//   node --import tsx bench/repository/run.ts
// The command is measured as it ships: compiled (npm run build, which this runs first).
// Sizes can be reduced for a quick run: BENCH_MAILS, BENCH_LARGE_MIB, BENCH_MILLION.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FsBackend, Repository } from '../../src/repository/index.js';

const MAILS = Number(process.env.BENCH_MAILS ?? 20_000);
const LARGE_FILES = 3;
const LARGE_MIB = Number(process.env.BENCH_LARGE_MIB ?? 64);
const MILLION = Number(process.env.BENCH_MILLION ?? 1_000_000);
const PASSWORD = 'benchmark password';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

const WORDS = (
  'meeting report quarterly budget please review attached draft thanks regards team project ' +
  'schedule update customer invoice delivery contract signed approval urgent tomorrow office ' +
  'call agenda notes follow action items deadline release plan feedback question answer'
).split(' ');

/** Small deterministic PRNG so every run generates the same corpus. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function mail(index: number, variant: number): string {
  const random = prng(index * 7919 + variant);
  const words = (count: number) =>
    Array.from({ length: count }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const body = Array.from({ length: 5 + Math.floor(random() * 40) }, () =>
    words(8 + Math.floor(random() * 12)),
  ).join('\n');
  return [
    `Message-ID: <${index}.${variant}@contoso.example>`,
    `From: user${Math.floor(random() * 500)}@contoso.example`,
    `To: user${Math.floor(random() * 500)}@contoso.example`,
    `Subject: ${words(5)}`,
    `Date: ${new Date(Date.UTC(2024, 0, 1) + index * 60_000).toUTCString()}`,
    '',
    body,
    '',
  ].join('\n');
}

function largeFile(seed: string, mib: number): Buffer {
  const out = Buffer.alloc(mib * 1024 * 1024);
  for (let offset = 0, counter = 0; offset < out.length; offset += 32, counter++) {
    createHash('sha256').update(`${seed}:${counter}`).digest().copy(out, offset);
  }
  return out;
}

function mailPath(corpus: string, index: number): string {
  return join(corpus, `mailbox-${String(index % 100).padStart(3, '0')}`, 'inbox', `${index}.eml`);
}

/** The item both tools read back, relative to the corpus. */
const READ_BACK = mailPath('', Math.min(4242, MAILS - 1));

function generateCorpus(corpus: string): void {
  for (let i = 0; i < MAILS; i++) {
    const path = mailPath(corpus, i);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, mail(i, 0));
  }
  mkdirSync(join(corpus, 'files'), { recursive: true });
  for (let f = 0; f < LARGE_FILES; f++)
    writeFileSync(join(corpus, 'files', `large-${f}.bin`), largeFile(`large-${f}`, LARGE_MIB));
}

/** Changes 1% of the mails and 1 MiB in the middle of one large file. */
function changeOnePercent(corpus: string): void {
  for (let i = 0; i < MAILS; i += 100) writeFileSync(mailPath(corpus, i), mail(i, 1));
  const path = join(corpus, 'files', 'large-0.bin');
  const data = readFileSync(path);
  largeFile('patch', 1).copy(data, Math.floor(data.length / 2));
  writeFileSync(path, data);
}

interface Measured {
  seconds: number;
  /** User + system CPU time: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  peakMiB: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time for wall time and peak resident memory. */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Measured {
  const result = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', command, ...args], {
    env: { ...process.env, ...env },
    cwd,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const stats = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(result.stderr);
  if (result.status !== 0 || !stats)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return {
    seconds: Number(stats[1]),
    cpuSeconds: +(Number(stats[2]) + Number(stats[3])).toFixed(2),
    peakMiB: Number(stats[4]) / 1024,
    stdout: result.stdout,
  };
}

function directoryBytes(path: string): number {
  return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface ToolResult {
  ingest: Measured;
  incremental: Measured;
  repositoryBytes: number;
  readOneSeconds: number;
}

function benchTenantvault(root: string, corpus: string, change: () => void): ToolResult {
  const repo = join(root, 'tenantvault-repo');
  const env = { TENANTVAULT_PASSWORD: PASSWORD, TENANTVAULT_REPO: repo };
  const cli = (...args: string[]) => measure(process.execPath, [CLI, ...args], env);
  cli('repo', 'init');
  const ingest = cli('repo', 'backup-dir', corpus);
  change();
  const incremental = cli('repo', 'backup-dir', corpus);
  const reads = [0, 1, 2].map(() => cli('repo', 'cat', 'latest', READ_BACK).seconds);
  return { ingest, incremental, repositoryBytes: directoryBytes(repo), readOneSeconds: median(reads) };
}

function benchRestic(root: string, corpus: string, change: () => void): ToolResult {
  const repo = join(root, 'restic-repo');
  const env = {
    RESTIC_PASSWORD: PASSWORD,
    RESTIC_REPOSITORY: repo,
    RESTIC_CACHE_DIR: join(root, 'restic-cache'),
  };
  const restic = (...args: string[]) => measure('restic', ['--quiet', ...args], env, corpus);
  restic('init', '--repository-version', '2');
  const ingest = restic('backup', '.', '--host', 'bench');
  change();
  const incremental = restic('backup', '.', '--host', 'bench');
  const reads = [0, 1, 2].map(() => restic('dump', 'latest', `/${READ_BACK}`).seconds);
  return { ingest, incremental, repositoryBytes: directoryBytes(repo), readOneSeconds: median(reads) };
}

/** Writes a million small items, then times reading single items from a freshly opened repository. */
async function benchMillion(root: string) {
  const backend = new FsBackend(join(root, 'million'));
  const repository = await Repository.init(backend, PASSWORD);
  const started = performance.now();
  const writer = await repository.startSnapshot();
  for (let i = 0; i < MILLION; i++) {
    await writer.addItem({
      path: `users/${i % 1000}/items/${i}`,
      id: `item-${i}`,
      metadata: { n: i },
      content: Buffer.from(`item ${i} ${'x'.repeat(i % 64)}`),
    });
  }
  const snapshot = await writer.commit();
  const writeSeconds = (performance.now() - started) / 1000;

  const measureReads = async () => {
    const openStarted = performance.now();
    const opened = await Repository.open(backend, PASSWORD);
    const openMs = performance.now() - openStarted;
    const read = async (i: number) => {
      const t = performance.now();
      const stream = await opened.readItem(snapshot.id, `users/${i % 1000}/items/${i}`);
      for await (const _piece of stream) void _piece;
      return performance.now() - t;
    };
    const firstReadMs = await read(123_457 % MILLION);
    const random = prng(42);
    const warm: number[] = [];
    for (let k = 0; k < 50; k++) warm.push(await read(Math.floor(random() * MILLION)));
    const indexFiles = readdirSync(join(root, 'million', 'index')).length;
    return {
      indexFiles,
      openMs,
      firstReadMs,
      warmReadMedianMs: median(warm),
      warmReadMaxMs: Math.max(...warm),
    };
  };
  // As written: the backup merged its per-pack index files into files split by blob id range.
  const asWritten = await measureReads();
  // After maintenance: prune merges the whole index again, leaving out deleted packs.
  const pruneStarted = performance.now();
  await repository.prune({ graceMs: 0 });
  const pruneSeconds = (performance.now() - pruneStarted) / 1000;
  const afterPrune = await measureReads();
  return { items: MILLION, writeSeconds, asWritten, pruneSeconds, afterPrune };
}

// The build's own output (the web build prints its files) goes to stderr: stdout is the JSON alone.
execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 'inherit'] });
const root = mkdtempSync(join(tmpdir(), 'tenantvault-bench-'));
try {
  const corpus = join(root, 'corpus');
  generateCorpus(corpus);
  const corpusBytes = directoryBytes(corpus);
  // Both tools see the same corpus: each ingests the original, then the 1%-changed version.
  const resticCorpus = join(root, 'corpus-restic');
  execFileSync('cp', ['-a', corpus, resticCorpus]);
  const tenantvault = benchTenantvault(root, corpus, () => changeOnePercent(corpus));
  const restic = benchRestic(root, resticCorpus, () => changeOnePercent(resticCorpus));
  const million = await benchMillion(root);
  const row = (name: string, r: ToolResult) => ({
    tool: name,
    ingestSeconds: r.ingest.seconds,
    ingestCpuSeconds: r.ingest.cpuSeconds,
    ingestPeakMiB: Math.round(r.ingest.peakMiB),
    incrementalSeconds: r.incremental.seconds,
    incrementalCpuSeconds: r.incremental.cpuSeconds,
    incrementalPeakMiB: Math.round(r.incremental.peakMiB),
    repositoryMiB: +(r.repositoryBytes / 1024 / 1024).toFixed(1),
    readOneSeconds: r.readOneSeconds,
  });
  // Node start-up and loading the command, included in every tenantvault figure (restic is a compiled binary).
  const tenantvaultStartupSeconds = measure(process.execPath, [CLI, '--help'], {}).seconds;
  const resticVersion = execFileSync('restic', ['version'], { encoding: 'utf8' }).trim();
  console.log(
    JSON.stringify(
      {
        corpus: {
          mails: MAILS,
          largeFiles: `${LARGE_FILES} x ${LARGE_MIB} MiB`,
          MiB: +(corpusBytes / 1024 / 1024).toFixed(1),
        },
        resticVersion,
        tenantvaultStartupSeconds,
        results: [row('tenantvault', tenantvault), row('restic', restic)],
        million,
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
