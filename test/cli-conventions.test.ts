import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from './support/cli.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODULE_TRACE = fileURLToPath(new URL('./support/module-trace.mjs', import.meta.url));

test('--help lists the commands', async () => {
  const result = await runCli(['--help']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /sandbox/);
});

test('an unknown option is a usage error (exit code 2)', async () => {
  const result = await runCli(['--no-such-option']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /unknown option/);
});

/** The modules a run of the CLI loads, as paths relative to the project (node_modules/… for packages). */
async function modulesLoadedBy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const directory = await mkdtemp(join(tmpdir(), 'tenantvault-modules-'));
  try {
    const file = join(directory, 'modules.txt');
    const result = await runCli(args, {
      env: { ...env, MODULE_TRACE_FILE: file },
      nodeOptions: ['--import', MODULE_TRACE],
    });
    assert.equal(result.code, 0, result.stderr);
    const root = pathToFileURL(PROJECT_ROOT).href;
    return (await readFile(file, 'utf8'))
      .split('\n')
      .filter((url) => url.startsWith(root))
      .map((url) => url.slice(root.length));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Packages other than commander, and the subsystems a command loads when it runs, not before. */
const NOT_AT_START_UP =
  /^node_modules\/(?!commander\/)|^src\/(api|catalog|engine|sandbox)\/|^src\/repository\/(?!retention\.ts)|^src\/graph\/(?!config\.ts)|^src\/service\/(?!secret-box\.ts)|^src\/cli\/commands\//;

test('--help loads the command definitions, no command implementation or subsystem', async () => {
  const loaded = await modulesLoadedBy(['--help']);
  assert.ok(loaded.includes('src/cli/definitions/repo.ts'), loaded.join('\n'));
  assert.deepEqual(
    loaded.filter((path) => NOT_AT_START_UP.test(path)),
    [],
  );
});

test('a repository command loads the repository, not the catalog, Graph, the service or the sandbox', async () => {
  const home = await mkdtemp(join(tmpdir(), 'tenantvault-home-'));
  try {
    const loaded = await modulesLoadedBy(['--home', home, 'repo', 'init', '--repo', join(home, 'vault')], {
      TENANTVAULT_PASSWORD: 'start-up test password',
    });
    assert.ok(loaded.includes('src/cli/commands/repo.ts'), loaded.join('\n'));
    assert.ok(loaded.includes('src/repository/index.ts'), loaded.join('\n'));
    assert.deepEqual(
      loaded.filter(
        (path) =>
          NOT_AT_START_UP.test(path) &&
          !/^src\/repository\/|^src\/cli\/commands\/repo\.ts$|^node_modules\/zstd-napi\//.test(path),
      ),
      [],
    );
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});
