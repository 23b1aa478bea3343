// The repository compiled to JavaScript, as in dist/, runs without tsx: its pack thread
// starts from the compiled module too (the test suite otherwise runs the sources).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { PASSWORD, tempDir } from './support.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Compiles src/repository to ES modules in `outDir` (per file: the sources are isolated modules). */
async function compile(outDir: string): Promise<void> {
  const sources = join(ROOT, 'src/repository');
  for (const file of await readdir(sources, { recursive: true })) {
    if (!file.endsWith('.ts')) continue;
    const { outputText } = ts.transpileModule(await readFile(join(sources, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    await mkdir(dirname(join(outDir, 'repository', file)), { recursive: true });
    await writeFile(join(outDir, 'repository', file.replace(/\.ts$/, '.js')), outputText);
  }
}

test('the compiled repository writes and reads back through its pack thread', async (t) => {
  const outDir = await tempDir(t);
  await compile(outDir);
  // Packages resolve from the project, and the output is ES modules like the sources.
  await symlink(join(ROOT, 'node_modules'), join(outDir, 'node_modules'));
  await writeFile(join(outDir, 'package.json'), '{ "type": "module" }\n');
  const repositoryDir = await tempDir(t);
  const script = `
    import { randomBytes } from 'node:crypto';
    import { FsBackend, Repository } from './repository/index.js';
    const backend = new FsBackend(${JSON.stringify(repositoryDir)});
    const repository = await Repository.init(backend, ${JSON.stringify(PASSWORD)}, {
      scrypt: { N: 1024, r: 8, p: 1 },
      packSize: 512 * 1024,
    });
    const large = randomBytes(3 * 1024 * 1024);
    const writer = await repository.startSnapshot();
    await writer.addItem({ path: 'mail.eml', id: 'm', content: Buffer.from('hello '.repeat(1000)) });
    await writer.addItem({ path: 'large.bin', id: 'l', content: large });
    const snapshot = await writer.commit();
    const parts = [];
    for await (const part of await repository.readItem(snapshot.id, 'large.bin')) parts.push(part);
    const report = await repository.check({ readData: true });
    console.log(JSON.stringify({
      packs: writer.stats.packs,
      roundTrip: Buffer.concat(parts).equals(large),
      errors: report.errors,
    }));
  `;
  await writeFile(join(outDir, 'run.js'), script);
  const { stdout } = await promisify(execFile)(process.execPath, [join(outDir, 'run.js')], {
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const result = JSON.parse(stdout) as { packs: number; roundTrip: boolean; errors: unknown[] };
  assert.ok(result.packs > 1, `packs: ${result.packs}`);
  assert.equal(result.roundTrip, true);
  assert.deepEqual(result.errors, []);
});
