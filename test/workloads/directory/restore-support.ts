// A sandbox with two customer tenants, a repository holding a directory snapshot of the
// first one (taken from the sandbox over Graph and stored as docs/directory-backup.md
// describes), a SQLite catalog rebuilt from it, and `tenantvault` run against all of it.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog, rebuild } from '../../../src/catalog/index.js';
import {
  planDirectoryRestore,
  type DirectoryRestorePlan,
  type RestoreSelection,
} from '../../../src/engine/directory/restore.js';
import { GraphClient } from '../../../src/graph/index.js';
import { FsBackend, Repository } from '../../../src/repository/index.js';
import type { TenantAccess } from '../../../src/sandbox/identity/provisioning.js';
import {
  DIRECTORY_WORKLOAD,
  encodeItem,
  itemMetadata,
  itemPath,
  type DirectoryItem,
  type DirectoryType,
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

const USER_PROPERTIES = [
  'id',
  'accountEnabled',
  'assignedLicenses',
  'city',
  'companyName',
  'country',
  'createdDateTime',
  'department',
  'displayName',
  'employeeId',
  'givenName',
  'jobTitle',
  'mail',
  'mailNickname',
  'mobilePhone',
  'officeLocation',
  'onPremisesSyncEnabled',
  'passwordProfile',
  'proxyAddresses',
  'securityIdentifier',
  'surname',
  'usageLocation',
  'userPrincipalName',
  'userType',
];

const GROUP_PROPERTIES = [
  'id',
  'createdDateTime',
  'description',
  'displayName',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'onPremisesSyncEnabled',
  'proxyAddresses',
  'securityEnabled',
  'securityIdentifier',
  'visibility',
];

/** Where each type is read and which relationships it keeps (as the backup does). */
const SOURCES: Partial<Record<DirectoryType, { path: string; select?: string[]; links: string[] }>> = {
  users: { path: '/users', select: USER_PROPERTIES, links: ['manager'] },
  groups: { path: '/groups', select: GROUP_PROPERTIES, links: ['members', 'owners'] },
  namedLocations: { path: '/identity/conditionalAccess/namedLocations', links: [] },
  conditionalAccessPolicies: { path: '/identity/conditionalAccess/policies', links: [] },
};

export const SNAPSHOT_TYPES = Object.keys(SOURCES) as DirectoryType[];

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
  /** Takes a directory snapshot of the source tenant into the repository and catalogs it. */
  backup(): Promise<DirectoryItem[]>;
  /** `tenantvault directory restore …` against the repository, writing to `tenant`. */
  restore(args: string[], tenant?: TenantAccess): Promise<CliResult>;
  /** What the command plans, in this process (starting the command costs seconds of CPU). */
  plan(request: RestoreRequest): Promise<DirectoryRestorePlan>;
  /** What the command then executes, in this process. */
  execute(plan: RestorePlan, tenant?: TenantAccess): Promise<RestoreReport>;
  close(): Promise<void>;
}

async function pages(fixture: Pick<RestoreFixture, 'graph'>, path: string): Promise<GraphObject[]> {
  const objects: GraphObject[] = [];
  for (let next: string | undefined = path; next;) {
    const answer = await fixture.graph(next);
    if (answer.status !== 200)
      throw new Error(`GET ${next}: ${answer.status} ${JSON.stringify(answer.body)}`);
    objects.push(...(answer.body.value as GraphObject[]));
    const link = answer.body['@odata.nextLink'] as string | undefined;
    next = link ? link.slice(link.indexOf('/v1.0') + '/v1.0'.length) : undefined;
  }
  return objects;
}

async function readItems(fixture: Pick<RestoreFixture, 'graph'>): Promise<DirectoryItem[]> {
  const items: DirectoryItem[] = [];
  for (const [type, source] of Object.entries(SOURCES) as [DirectoryType, (typeof SOURCES)['users']][]) {
    const select = source!.select ? `?$select=${source!.select.join(',')}` : '';
    for (const { '@odata.context': _context, ...object } of await pages(
      fixture,
      `${source!.path}${select}`,
    )) {
      const relationships: Record<string, string[]> = {};
      for (const link of source!.links) {
        const answer = await fixture.graph(`${source!.path}/${object.id}/${link}?$select=id`);
        if (answer.status === 404) relationships[link] = [];
        else if (link === 'manager') relationships[link] = [answer.body.id];
        else
          relationships[link] = (
            await pages(fixture, `${source!.path}/${object.id}/${link}?$select=id&$top=999`)
          ).map((target) => target.id);
      }
      items.push({ type, id: object.id, object: object as GraphObject, relationships });
    }
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
    async backup() {
      const startedAt = new Date().toISOString();
      const items = await readItems(fixture);
      const writer = await repository.startSnapshot({
        meta: {
          tenantId: source.tenantId,
          workload: DIRECTORY_WORKLOAD,
          startedAt,
          finishedAt: new Date().toISOString(),
          status: 'succeeded',
          tenantDisplayName: source.displayName,
          state: { types: SNAPSHOT_TYPES },
        },
      });
      for (const item of items) {
        const content = encodeItem(item);
        const name = typeof item.object.displayName === 'string' ? item.object.displayName : null;
        await writer.addItem({
          path: itemPath(item.type, item.id),
          id: item.id,
          metadata: itemMetadata(item.type, item.id, name, content),
          content,
        });
      }
      await writer.commit();
      const catalog = Catalog.open(catalogUrl);
      try {
        await catalog.migrate();
        await rebuild(catalog, repository);
      } finally {
        await catalog.close();
      }
      return items;
    },
    restore(args, tenant = source) {
      return runCli(
        [
          'directory',
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
