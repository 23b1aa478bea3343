// An independent reader, written from docs/repository-format.md with node:crypto and zstd
// alone, decodes what the writer stores: pack layout, header, payload flags, blob ids and
// index entries are exactly as the format says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, createHash, createHmac, scryptSync } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Decompressor } from 'zstd-napi';
import { PASSWORD, randomData, tempRepository } from './support.js';

interface KeyFile {
  N: number;
  r: number;
  p: number;
  salt: string;
  masterKey: string;
}

function open(key: Buffer, box: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, 12));
  decipher.setAuthTag(box.subarray(box.length - 16));
  return Buffer.concat([decipher.update(box.subarray(12, box.length - 16)), decipher.final()]);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

test('packs and index files are laid out exactly as the format document says', async (t) => {
  const { dir, repository } = await tempRepository(t);
  const mail = Buffer.from('Subject: quarterly report\n\n' + 'please review the attached draft\n'.repeat(40));
  const random = randomData('format', 200_000);
  const writer = await repository.startSnapshot();
  await writer.addItem({ path: 'mail.eml', id: 'm', content: mail });
  await writer.addItem({ path: 'random.bin', id: 'r', content: random });
  await writer.commit();

  const [keyFile] = await filesUnder(join(dir, 'keys'));
  const keys = JSON.parse(await readFile(keyFile!, 'utf8')) as KeyFile;
  const { N, r, p } = keys;
  const wrapping = scryptSync(PASSWORD, Buffer.from(keys.salt, 'base64'), 32, {
    N,
    r,
    p,
    maxmem: 256 * N * r + 1024 * 1024,
  });
  const master = open(wrapping, Buffer.from(keys.masterKey, 'base64'));
  const subkey = (label: string) => createHmac('sha256', master).update(label).digest();
  const encryption = subkey('tenantvault/v1/encryption');
  const blobIdKey = subkey('tenantvault/v1/blob-id');

  const contents = new Map<string, Buffer>();
  const flags = new Map<string, number>();
  const entries = new Map<string, { pack: string; offset: number; length: number; rawLength: number }>();
  for (const file of await filesUnder(join(dir, 'data'))) {
    const pack = await readFile(file);
    const name = createHash('sha256').update(pack).digest('hex');
    assert.equal(file, join(dir, 'data', name.slice(0, 2), name), 'named by its SHA-256');
    const headerLength = pack.readUInt32LE(pack.length - 4);
    const headerPayload = open(encryption, pack.subarray(pack.length - 4 - headerLength, pack.length - 4));
    assert.equal(headerPayload[0], 0, 'the header is stored raw');
    const header = headerPayload.subarray(1);
    assert.equal(header.toString('latin1', 0, 4), 'TVPK');
    assert.equal(header[4], 1);
    const count = header.readUInt32LE(5);
    assert.equal(header.length, 9 + 41 * count);
    let offset = 0;
    for (let i = 0, position = 9; i < count; i++, position += 41) {
      const stored = header.readUInt32LE(position + 1);
      const id = header.toString('hex', position + 9, position + 41);
      const payload = open(encryption, pack.subarray(offset, offset + stored));
      const content =
        payload[0] === 1 ? new Decompressor().decompress(payload.subarray(1)) : payload.subarray(1);
      assert.ok(payload[0] === 0 || payload[0] === 1);
      assert.equal(content.length, header.readUInt32LE(position + 5), 'raw length');
      assert.equal(createHmac('sha256', blobIdKey).update(content).digest('hex'), id, 'blob id');
      contents.set(id, content);
      flags.set(id, payload[0]!);
      entries.set(id, { pack: name, offset, length: stored, rawLength: content.length });
      offset += stored;
    }
    assert.equal(
      offset + 12 + 1 + 9 + 41 * count + 16 + 4,
      pack.length,
      'blobs, header box and length fill it',
    );
  }

  const blobId = (content: Buffer) => createHmac('sha256', blobIdKey).update(content).digest('hex');
  assert.equal(flags.get(blobId(mail)), 1, 'text is stored compressed');
  assert.ok(contents.get(blobId(mail))!.equals(mail));
  const randomChunks = [...contents.values()].filter((content) => random.includes(content));
  assert.ok(randomChunks.length > 1, 'large content is chunked');
  for (const chunk of randomChunks) assert.equal(flags.get(blobId(chunk)), 0, 'random data is stored raw');
  assert.equal(
    randomChunks.reduce((sum, chunk) => sum + chunk.length, 0),
    random.length,
  );

  const indexed = new Set<string>();
  for (const file of await filesUnder(join(dir, 'index'))) {
    const data = await readFile(file);
    assert.equal(file, join(dir, 'index', createHash('sha256').update(data).digest('hex')));
    const payload = open(encryption, data);
    assert.equal(payload[0], 0, 'index files are stored raw');
    const body = payload.subarray(1);
    assert.equal(body.toString('latin1', 0, 4), 'TVIX');
    const packs = body.readUInt32LE(5);
    const count = body.readUInt32LE(9);
    const start = 13 + 32 * packs;
    assert.equal(body.length, start + 49 * count);
    let previous = '';
    for (let i = 0, position = start; i < count; i++, position += 49) {
      const id = body.toString('hex', position, position + 32);
      assert.ok(id > previous, 'entries sorted by blob id');
      previous = id;
      const packNumber = body.readUInt32LE(position + 33);
      const pack = body.toString('hex', 13 + 32 * packNumber, 13 + 32 * (packNumber + 1));
      assert.deepEqual(
        {
          pack,
          offset: body.readUInt32LE(position + 37),
          length: body.readUInt32LE(position + 41),
          rawLength: body.readUInt32LE(position + 45),
        },
        entries.get(id),
      );
      indexed.add(id);
    }
  }
  assert.deepEqual([...indexed].sort(), [...entries.keys()].sort(), 'every packed blob is indexed');
});
