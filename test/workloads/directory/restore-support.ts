// A sandbox with two customer tenants, a repository holding a directory backup of the
// first one (taken by the backup engine, recorded in a SQLite catalog), and restores run
// as `tenantvault directory restore` runs them: as the command, or in this process.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../../../src/catalog/index.js';
import { backupDirectory } from '../../../src/engine/backup.js';
import { readDirectoryItem } from '../../../src/engine/directory/stored-items.js';
import {
  planDirectoryRestore,
  type DirectoryRestorePlan,
  type RestoreSelection,
} from '../../../src/engine/directory/restore.js';
import { GraphClient } from '../../../src/graph/index.js';
import { FsBackend, Repository } from '../../../src/repository/index.js';
import type { TenantAccess } from '../../../src/sandbox/identity/provisioning.js';
import {
  parseItemPath,
  type BackupToggle,
  type DirectoryItem,
  type GraphObject,
} from '../../../src/workloads/directory/item.js';
import {
  executePlan,
  type NewUserMode,
  type RestorePlan,
  type RestoreReport,
} from '../../../src/workloads/directory/restore/index.js';
import { PASSWORD, TEST_OPTIONS } from '../../repository/support.js';
import { runCli, type CliResult } from '../../support/cli.js';
import { startTestSandbox, type GraphResult, type TestSandbox } from '../../support/sandbox.js';

/** What the backup reads: the types the restores exercise (named locations come with Conditional Access). */
const BACKED_UP: BackupToggle[] = [
  'users',
  'groups',
  'builtInRoles',
  'customRoles',
  'applications',
  'servicePrincipals',
  'conditionalAccessPolicies',
  'deviceConfigurations',
  'deviceCompliancePolicies',
  'administrativeUnits',
];

export interface RestoreRequest extends RestoreSelection {
  snapshot?: string;
  newUsers?: NewUserMode;
  /** The tenant written to (default: the one backed up). */
  tenant?: TenantAccess;
}

export interface RestoreFixture {
  sandbox: TestSandbox;
  source: TenantAccess;
  /** The second customer tenant, for restores into another tenant. */
  other: TenantAccess;
  /** Graph as the app of a tenant sees it (the source tenant unless told). */
  graph(
    path: string,
    init?: { method?: string; body?: unknown; tenant?: TenantAccess },
  ): Promise<GraphResult>;
  /** The Graph client the restores use for a tenant (the source tenant unless told). */
  client(tenant?: TenantAccess): GraphClient;
  /** Backs up the source tenant's directory; answers with the items of the snapshot. */
  backup(): Promise<DirectoryItem[]>;
  /** `tenantvault directory restore …` against the repository, writing to `tenant`. */
  restore(args: string[], tenant?: TenantAccess): Promise<CliResult>;
  /** What the command plans, in this process (starting the command costs seconds of CPU). */
  plan(request: RestoreRequest): Promise<DirectoryRestorePlan>;
  /** What the command then executes, in this process. */
  execute(plan: RestorePlan, tenant?: TenantAccess): Promise<RestoreReport>;
  close(): Promise<void>;
}

/** Every directory item of a repository snapshot. */
async function itemsOf(repository: Repository, snapshotId: string): Promise<DirectoryItem[]> {
  const items: DirectoryItem[] = [];
  for await (const entry of repository.items(snapshotId)) {
    if (parseItemPath(entry.path))
      items.push(await readDirectoryItem(repository, { snapshotId, path: entry.path }));
  }
  return items;
}

export async function startRestoreFixture(seed: string): Promise<RestoreFixture> {
  const sandbox = await startTestSandbox({ users: 100, seed });
  const [source, other] = sandbox.running.access.tenants as [TenantAccess, TenantAccess];
  const dir = await mkdtemp(join(tmpdir(), 'tenantvault-restore-'));
  const repoDir = join(dir, 'repo');
  const catalogUrl = join(dir, 'catalog.sqlite');
  const repository = await Repository.init(new FsBackend(repoDir), PASSWORD, TEST_OPTIONS);
  const tokens = new Map<string, string>();
  const clients = new Map<string, GraphClient>();
  const caPem = readFileSync(sandbox.running.caPath, 'utf8');
  const clientOf = (tenant: TenantAccess): GraphClient => {
    let client = clients.get(tenant.tenantId);
    if (!client) {
      client = new GraphClient(
        {
          tenantId: tenant.tenantId,
          clientId: tenant.clientId,
          credential: { kind: 'secret', secret: tenant.clientSecret },
          authority: tenant.authority,
          graphBaseUrl: tenant.graph,
          extraCaPem: caPem,
        },
        // The test sandbox does not throttle; pacing to Conditional Access's published
        // one request a second (tested with the Graph client) would only slow these tests.
        { budgets: { conditionalAccess: { limit: 50, windowMs: 1000, concurrency: 4 } } },
      );
      clients.set(tenant.tenantId, client);
    }
    return client;
  };

  const fixture: RestoreFixture = {
    sandbox,
    source,
    other,
    async graph(path, init = {}) {
      const tenant = init.tenant ?? source;
      const token = tokens.get(tenant.tenantId) ?? (await sandbox.appToken(tenant));
      tokens.set(tenant.tenantId, token);
      return sandbox.graphRequest(path, { method: init.method, body: init.body, token });
    },
    client: (tenant = source) => clientOf(tenant),
    async backup() {
      const catalog = Catalog.open(catalogUrl);
      try {
        await catalog.migrate();
        const { snapshotId } = await backupDirectory({
          graph: clientOf(source),
          repository,
          catalog,
          toggles: BACKED_UP,
        });
        return await itemsOf(repository, snapshotId);
      } finally {
        await catalog.close();
      }
    },
    restore(args, tenant = source) {
      return runCli(
        [
          'entra',
          'restore',
          ...args,
          '--home',
          dir,
          '--repo',
          repoDir,
          '--catalog',
          catalogUrl,
          '--tenant',
          tenant.tenantId,
          '--client-id',
          tenant.clientId,
          '--authority',
          tenant.authority,
          '--graph-url',
          tenant.graph,
          '--ca-file',
          sandbox.running.caPath,
        ],
        { env: { TENANTVAULT_PASSWORD: PASSWORD, TENANTVAULT_CLIENT_SECRET: tenant.clientSecret } },
      );
    },
    async plan(request) {
      const catalog = Catalog.open(catalogUrl);
      try {
        return await planDirectoryRestore({
          repository,
          catalog,
          sourceTenantId: source.tenantId,
          snapshot: request.snapshot ?? 'latest',
          selection: { types: request.types, ids: request.ids },
          graph: clientOf(request.tenant ?? source),
          newUsers: request.newUsers ?? 'disabled',
        });
      } finally {
        await catalog.close();
      }
    },
    execute(plan, tenant = source) {
      return executePlan(clientOf(tenant), plan);
    },
    async close() {
      for (const client of clients.values()) await client.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

const isDynamic = (group: DirectoryItem) =>
  (group.object.groupTypes as string[]).includes('DynamicMembership');

/** The n-th backed-up cloud-only member user with a manager and a place in an assigned group. */
export function cloudUser(items: readonly DirectoryItem[], index: number): DirectoryItem {
  const candidates = items.filter(
    (item) =>
      item.type === 'users' &&
      item.object.userType === 'Member' &&
      item.object.onPremisesSyncEnabled !== true &&
      (item.relationships.manager ?? []).length === 1 &&
      items.some(
        (group) =>
          group.type === 'groups' && !isDynamic(group) && group.relationships.members?.includes(item.id),
      ),
  );
  const user = candidates[index];
  if (!user) throw new Error(`the snapshot has no cloud user number ${index}`);
  return user;
}

/** The n-th backed-up assigned cloud group with a few members and an owner. */
export function assignedGroup(items: readonly DirectoryItem[], index: number): DirectoryItem {
  const candidates = items.filter(
    (item) =>
      item.type === 'groups' &&
      !isDynamic(item) &&
      item.object.onPremisesSyncEnabled !== true &&
      (item.relationships.members ?? []).length >= 2 &&
      (item.relationships.members ?? []).length <= 50 &&
      (item.relationships.owners ?? []).length >= 1,
  );
  const group = candidates[index];
  if (!group) throw new Error(`the snapshot has no assigned group number ${index}`);
  return group;
}

/** A backed-up Conditional Access policy that includes a named location. */
export function policyWithNamedLocation(items: readonly DirectoryItem[]): DirectoryItem {
  const policy = items.find((item) => {
    const locations = (item.object.conditions as { locations?: { includeLocations?: string[] } } | undefined)
      ?.locations?.includeLocations;
    return (
      item.type === 'conditionalAccessPolicies' &&
      locations?.length === 1 &&
      items.some((location) => location.type === 'namedLocations' && location.id === locations[0])
    );
  });
  if (!policy) throw new Error('the snapshot has no policy that includes a named location');
  return policy;
}

/** A group's member ids now, sorted. */
export async function memberIds(fixture: RestoreFixture, groupId: string): Promise<string[]> {
  const answer = await fixture.graph(`/groups/${groupId}/members?$select=id&$top=999`);
  if (answer.status !== 200) throw new Error(`members of ${groupId}: ${answer.status}`);
  return (answer.body.value as GraphObject[]).map((member) => member.id).sort();
}
