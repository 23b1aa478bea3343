// Directory snapshots written exactly as docs/directory-backup.md describes them, so
// compare, history, listing and export are tested against real repositories and a real
// SQLite catalog rebuilt from them.
import { join } from 'node:path';
import { Catalog, rebuild } from '../../../src/catalog/index.js';
import { FsBackend, Repository } from '../../../src/repository/index.js';
import {
  canonicalJson,
  DIRECTORY_WORKLOAD,
  encodeItem,
  itemMetadata,
  itemPath,
  type DirectoryItem,
  type DirectoryType,
} from '../../../src/workloads/directory/item.js';
import { tempDir } from '../../catalog/support.js';
import { PASSWORD, TEST_OPTIONS } from '../../repository/support.js';

type TestContext = { after: (fn: () => Promise<void>) => void };

export const TENANT = '0b5c6a3e-1f2d-4c8e-9a7b-3d2e1f0a9b8c';

export interface LogDay {
  type: 'signInLogs' | 'auditLogs';
  day: string;
  entries: Record<string, unknown>[];
}

export interface DirectoryBackup {
  startedAt: string;
  types: DirectoryType[];
  objects: DirectoryItem[];
  logDays?: LogDay[];
}

export function user(id: string, object: Record<string, unknown>, relationships = {}): DirectoryItem {
  return { type: 'users', id, object: { id, ...object }, relationships };
}

export function group(id: string, object: Record<string, unknown>, relationships = {}): DirectoryItem {
  return { type: 'groups', id, object: { id, ...object }, relationships };
}

/** A log day's content: one canonical JSON entry per line. */
export function logDayContent(day: LogDay): Buffer {
  return Buffer.from(day.entries.map((entry) => `${canonicalJson(entry)}\n`).join(''));
}

export interface DirectoryFixture {
  dir: string;
  repository: Repository;
  catalogUrl: string;
  /** Repository snapshot ids, oldest first. */
  snapshotIds: string[];
  catalog: Catalog;
}

/** One directory snapshot as a backup commits it; returns its repository id. */
export async function writeDirectorySnapshot(
  repository: Repository,
  backup: DirectoryBackup,
): Promise<string> {
  const finishedAt = new Date(Date.parse(backup.startedAt) + 60_000).toISOString();
  const writer = await repository.startSnapshot({
    meta: {
      tenantId: TENANT,
      workload: DIRECTORY_WORKLOAD,
      startedAt: backup.startedAt,
      finishedAt,
      status: 'succeeded',
      tenantDisplayName: 'Contoso',
      state: { types: backup.types },
    },
  });
  for (const object of backup.objects) {
    const content = encodeItem(object);
    const displayName = typeof object.object.displayName === 'string' ? object.object.displayName : null;
    await writer.addItem({
      path: itemPath(object.type, object.id),
      id: object.id,
      metadata: itemMetadata(object.type, object.id, displayName, content),
      content,
    });
  }
  for (const day of backup.logDays ?? []) {
    const content = logDayContent(day);
    await writer.addItem({
      path: itemPath(day.type, day.day),
      id: day.day,
      metadata: itemMetadata(day.type, day.day, day.day, content),
      content,
    });
  }
  return (await writer.commit()).id;
}

/** A repository holding the backups, and a SQLite catalog rebuilt from it; both closed at the end. */
export async function directoryFixture(
  t: TestContext,
  backups: DirectoryBackup[],
): Promise<DirectoryFixture> {
  const dir = await tempDir(t);
  const repository = await Repository.init(new FsBackend(join(dir, 'repo')), PASSWORD, TEST_OPTIONS);
  const snapshotIds: string[] = [];
  for (const backup of backups) snapshotIds.push(await writeDirectorySnapshot(repository, backup));
  const catalogUrl = join(dir, 'catalog.sqlite');
  const catalog = Catalog.open(catalogUrl);
  t.after(() => catalog.close());
  await catalog.migrate();
  await rebuild(catalog, repository);
  return { dir, repository, catalogUrl, snapshotIds, catalog };
}

const TYPES: DirectoryBackup['types'] = ['users', 'groups', 'signInLogs'];
const signIn = (id: string, createdDateTime: string) => ({ id, createdDateTime, status: { errorCode: 0 } });

/** Three daily backups: attributes, relationships, a removal and restore, an etag-only change, log days. */
export const BACKUPS: DirectoryBackup[] = [
  {
    startedAt: '2025-05-01T02:00:00.000Z',
    types: TYPES,
    objects: [
      user(
        'u-ada',
        { displayName: 'Ada Lovelace', jobTitle: 'Engineer', accountEnabled: true },
        { manager: ['u-grace'] },
      ),
      user('u-grace', { displayName: 'Grace Hopper', jobTitle: 'Admiral' }),
      user('u-alan', { displayName: 'Alan Turing', '@odata.etag': 'W/"1"' }),
      group('g-eng', { displayName: 'Engineering' }, { members: ['u-ada', 'u-grace'], owners: ['u-grace'] }),
    ],
    logDays: [
      {
        type: 'signInLogs',
        day: '2025-05-01',
        entries: [signIn('s-1', '2025-05-01T08:00:00Z'), signIn('s-2', '2025-05-01T09:00:00Z')],
      },
    ],
  },
  {
    startedAt: '2025-05-02T02:00:00.000Z',
    types: TYPES,
    objects: [
      user(
        'u-ada',
        {
          displayName: 'Ada Lovelace',
          jobTitle: 'Lead Engineer',
          department: 'Research',
          accountEnabled: true,
        },
        { manager: ['u-linus'] },
      ),
      user('u-alan', { displayName: 'Alan Turing', '@odata.etag': 'W/"2"' }),
      user('u-linus', { displayName: 'Linus Torvalds' }),
      group('g-eng', { displayName: 'Engineering' }, { members: ['u-ada', 'u-linus'], owners: ['u-ada'] }),
    ],
    logDays: [
      {
        type: 'signInLogs',
        day: '2025-05-01',
        entries: [
          signIn('s-1', '2025-05-01T08:00:00Z'),
          signIn('s-2', '2025-05-01T09:00:00Z'),
          signIn('s-3', '2025-05-01T23:00:00Z'),
        ],
      },
      { type: 'signInLogs', day: '2025-05-02', entries: [signIn('s-4', '2025-05-02T01:00:00Z')] },
    ],
  },
  {
    startedAt: '2025-05-03T02:00:00.000Z',
    types: TYPES,
    objects: [
      user(
        'u-ada',
        {
          displayName: 'Ada Lovelace',
          jobTitle: 'Lead Engineer',
          department: 'Research',
          accountEnabled: false,
        },
        { manager: ['u-linus'] },
      ),
      // Restored with exactly the content it had before it was deleted.
      user('u-grace', { displayName: 'Grace Hopper', jobTitle: 'Admiral' }),
      user('u-alan', { displayName: 'Alan Turing', '@odata.etag': 'W/"2"' }),
      user('u-linus', { displayName: 'Linus Torvalds' }),
      group('g-eng', { displayName: 'Engineering' }, { members: ['u-ada', 'u-linus'], owners: ['u-ada'] }),
    ],
    // Days already kept stay in every later snapshot.
    logDays: [
      {
        type: 'signInLogs',
        day: '2025-05-01',
        entries: [
          signIn('s-1', '2025-05-01T08:00:00Z'),
          signIn('s-2', '2025-05-01T09:00:00Z'),
          signIn('s-3', '2025-05-01T23:00:00Z'),
        ],
      },
      { type: 'signInLogs', day: '2025-05-02', entries: [signIn('s-4', '2025-05-02T01:00:00Z')] },
    ],
  },
];
