// Organizations' repositories: created on first use with a sealed random password, and kept
// open for reads up to a limit, the least recently used dropped first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { migrateOrganizations } from '../../src/service/organizations/migrations.js';
import type { Organization } from '../../src/service/organizations/organizations.js';
import { OrganizationRepositories } from '../../src/service/organizations/repositories.js';
import type { OrganizationsDatabase } from '../../src/service/organizations/schema.js';
import { defaultSettings } from '../../src/service/organizations/settings.js';
import { SecretBox } from '../../src/service/secret-box.js';
import { tempServiceDb } from './support.js';

function organization(n: number): Organization {
  return { id: `org-${n}`, tenantId: `tenant-${n}` } as Organization;
}

test('repositories open for reads are kept up to the limit, least recently used dropped first', async (t) => {
  const database = await tempServiceDb(t, 'sqlite');
  const db = database.db as unknown as Kysely<OrganizationsDatabase>;
  await migrateOrganizations(db, 'sqlite');
  const root = await mkdtemp(join(tmpdir(), 'tenantvault-repositories-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const repositories = new OrganizationRepositories(db, new SecretBox(randomBytes(32)), {
    root,
    openReaders: 2,
  });
  const settings = defaultSettings();
  const read = (n: number) => repositories.reader(organization(n), settings);

  const first = await read(1);
  assert.equal(await read(1), first, 'kept open');
  const second = await read(2);
  assert.equal(await read(1), first, 'still kept: two fit');
  await read(3); // drops 2, the least recently used
  assert.equal(await read(1), first);
  const secondAgain = await read(2);
  assert.notEqual(secondAgain, second, 'opened again after it was dropped');
  assert.equal(
    secondAgain.config.id,
    second.config.id,
    'the same repository, opened with its recorded password',
  );
});
