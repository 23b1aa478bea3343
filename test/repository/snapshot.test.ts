import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupKey } from '../../src/repository/snapshot.js';

test('lookup keys are FNV-1a 32 of kind, NUL and the UTF-8 value, as the format says', () => {
  // FNV-1a 32 of "p\0a" computed independently: offset basis, then xor and multiply per byte.
  let expected = 0x811c9dc5;
  for (const byte of [0x70, 0x00, 0x61]) expected = Math.imul(expected ^ byte, 0x01000193) >>> 0;
  assert.equal(lookupKey('p', 'a'), expected);
  assert.notEqual(lookupKey('p', 'a'), lookupKey('i', 'a'));
  assert.notEqual(lookupKey('p', 'é'), lookupKey('p', 'e'));
});
