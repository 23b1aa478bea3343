// Sealed values open only with the same key and for the purpose they were sealed for; the
// service key file is made once, private, and shared by every process that reads it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadServiceKey, SecretBox } from '../../src/service/secret-box.js';

test('a sealed value opens for its purpose only, and not after a change or with another key', () => {
  const box = new SecretBox(randomBytes(32));
  const sealed = box.sealJson('credential', { secret: 'hunter2' });
  assert.ok(!Buffer.from(sealed, 'base64url').toString('latin1').includes('hunter2'));
  assert.deepEqual(box.openJson('credential', sealed), { secret: 'hunter2' });
  assert.equal(box.open('page:users', sealed), undefined);
  const flipped = Buffer.from(sealed, 'base64url');
  flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
  assert.equal(box.open('credential', flipped.toString('base64url')), undefined);
  assert.equal(new SecretBox(randomBytes(32)).open('credential', sealed), undefined);
  assert.notEqual(box.seal('credential', 'same'), box.seal('credential', 'same'));
});

test('the service key file is created once with owner-only access', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'tv-key-')), 'nested', 'service.key');
  const [first, second] = await Promise.all([loadServiceKey(path), loadServiceKey(path)]);
  assert.equal(first.length, 32);
  assert.deepEqual(first, second);
  assert.deepEqual(await loadServiceKey(path), first);
  assert.equal((await stat(path)).mode & 0o777, 0o600);
});
