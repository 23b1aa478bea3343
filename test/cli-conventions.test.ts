import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './support/cli.js';

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
