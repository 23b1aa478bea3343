// The fewest Graph requests a full directory backup can make, and the least time Graph's
// throttling allows for them, from the tenant's actual counts.
//
// Per type: for each of its listings, ceil(objects / the list's maximum page size) pages;
// one read per object for each relationship not expanded in a listing (and for a
// BitLocker key, its key), sent 20 to a $batch; a further page for every 999 entries
// beyond the first page of a relationship list below an object; one request for a fresh
// delta link where the type has delta ($deltatoken=latest), the state the next backup
// continues from. Plus one /organization read. Costs in identity resource units are
// Graph's documented ones (src/graph/scopes.ts) for requests shaped as the backup shapes
// them: $select named, $top=999 where a list takes it. Users come with their manager
// expanded (one read per user otherwise); devices with their registered owner expanded,
// and their registered users expanded in a listing of device ids of its own (Graph expands
// one navigation property per request). Graph answers a directory query with $expand 100
// objects at a time at most, whatever $top asks.
import { chargeFor, DEFAULT_BUDGETS, type ScopeKind } from '../../src/graph/scopes.js';
import { identityLimit } from '../../src/sandbox/graph/throttle.js';
import { DIRECTORY_TYPES, type DirectoryType } from '../../src/workloads/directory/item.js';
import { TYPE_ROUTES } from '../../src/workloads/directory/routes.js';
import { isLogType } from '../../src/workloads/directory/types/index.js';
import type { ServedRequests, TenantCounts } from './protocol.js';

const BATCH = 20;
const OBJECT_TYPES = DIRECTORY_TYPES.filter((type) => !isLogType(type));

interface TypeModel {
  /** A page of each listing of the type, as Graph is asked for it. */
  lists: readonly string[];
  /** The most objects one page can hold. */
  page: number;
  /** Requests per object that cannot be avoided. */
  reads: readonly string[];
  delta?: string;
}

const DIRECTORY_PAGE = 999;
const EXPANDED_PAGE = 100;
const ID = '00000000-0000-0000-0000-000000000000';
const links = (collection: string, ...names: string[]) =>
  names.map((name) => `/${collection}/${ID}/${name}?$select=id&$top=999`);
const roleAssignments = `/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '${ID}'`;

const MODELS: Record<DirectoryType, TypeModel> = {
  users: {
    lists: ['/users?$select=id&$expand=manager&$top=999'],
    page: EXPANDED_PAGE,
    reads: [],
    delta: '/users/delta?$select=id',
  },
  groups: {
    lists: ['/groups?$select=id&$top=999'],
    page: DIRECTORY_PAGE,
    reads: links('groups', 'members', 'owners'),
    delta: '/groups/delta?$select=id',
  },
  builtInRoles: {
    lists: ['/roleManagement/directory/roleDefinitions?$select=id&$filter=isBuiltIn eq true'],
    page: 1000,
    reads: [roleAssignments],
  },
  customRoles: {
    lists: ['/roleManagement/directory/roleDefinitions?$select=id&$filter=isBuiltIn eq false'],
    page: 1000,
    reads: [roleAssignments],
  },
  applications: {
    lists: ['/applications?$select=id&$top=999'],
    page: DIRECTORY_PAGE,
    reads: links('applications', 'owners'),
    delta: '/applications/delta?$select=id',
  },
  servicePrincipals: {
    lists: ['/servicePrincipals?$select=id&$top=999'],
    page: DIRECTORY_PAGE,
    reads: [
      ...links('servicePrincipals', 'owners'),
      `/servicePrincipals/${ID}/appRoleAssignments?$select=id&$top=999`,
      `/servicePrincipals/${ID}/appRoleAssignedTo?$select=id&$top=999`,
    ],
    delta: '/servicePrincipals/delta?$select=id',
  },
  conditionalAccessPolicies: { lists: ['/identity/conditionalAccess/policies'], page: 1000, reads: [] },
  namedLocations: { lists: ['/identity/conditionalAccess/namedLocations'], page: 1000, reads: [] },
  devices: {
    lists: ['/devices?$select=id&$expand=registeredUsers', '/devices?$select=id&$expand=registeredOwners'],
    page: EXPANDED_PAGE,
    reads: [],
    delta: '/devices/delta?$select=id',
  },
  deviceConfigurations: {
    lists: ['/deviceManagement/deviceConfigurations'],
    page: 1000,
    reads: [`/deviceManagement/deviceConfigurations/${ID}/assignments`],
  },
  deviceCompliancePolicies: {
    lists: ['/deviceManagement/deviceCompliancePolicies'],
    page: 1000,
    reads: [
      `/deviceManagement/deviceCompliancePolicies/${ID}/assignments`,
      `/deviceManagement/deviceCompliancePolicies/${ID}/scheduledActionsForRule`,
    ],
  },
  administrativeUnits: {
    lists: ['/directory/administrativeUnits?$select=id&$top=999'],
    page: DIRECTORY_PAGE,
    reads: [
      ...links('directory/administrativeUnits', 'members'),
      `/directory/administrativeUnits/${ID}/scopedRoleMembers`,
    ],
    delta: '/directory/administrativeUnits/delta?$select=id',
  },
  signInLogs: { lists: ['/auditLogs/signIns'], page: 1000, reads: [] },
  auditLogs: { lists: ['/auditLogs/directoryAudits'], page: 1000, reads: [] },
  bitlockerKeys: {
    lists: ['/informationProtection/bitlocker/recoveryKeys'],
    page: 20,
    reads: [`/informationProtection/bitlocker/recoveryKeys/${ID}?$select=key`],
  },
};

/** Requests in each throttling budget: identity in resource units, the others in requests. */
export type BudgetUse = Partial<Record<ScopeKind, number>>;

export interface Minimum {
  /** HTTP round trips ($batch is one). */
  http: number;
  /** Graph requests ($batch inner requests each). */
  graph: number;
  budgets: BudgetUse;
  perType: Record<DirectoryType, { http: number; graph: number }>;
}

function charge(url: string): { kind: ScopeKind; cost: number } {
  const parsed = new URL(url, 'https://graph.invalid');
  return chargeFor('GET', parsed.pathname, parsed.searchParams);
}

export function minimumOf(counts: TenantCounts, served: ServedRequests): Minimum {
  const budgets: BudgetUse = {};
  const spend = (url: string, times: number) => {
    const { kind, cost } = charge(url);
    budgets[kind] = (budgets[kind] ?? 0) + (kind === 'identity' ? cost : 1) * times;
  };
  const perType = {} as Minimum['perType'];
  spend('/organization?$select=id', 1);
  let http = 1;
  let graph = 1;
  for (const type of DIRECTORY_TYPES) {
    const model = MODELS[type];
    const objects = counts[type];
    const pages = Math.max(1, Math.ceil(objects / model.page));
    const listPages = pages * model.lists.length;
    const reads = objects * model.reads.length;
    const delta = model.delta ? 1 : 0;
    for (const list of model.lists) spend(list, pages);
    for (const read of model.reads) spend(read, objects);
    if (model.delta) spend(model.delta, 1);
    perType[type] = {
      http: listPages + Math.ceil(reads / BATCH) + delta,
      graph: listPages + reads + delta,
    };
    http += perType[type].http;
    graph += perType[type].graph;
  }
  // Pages beyond the first of relationship lists longer than a page (large groups, say).
  for (const { endpoint, entries } of served.pagedLists) {
    const path = endpoint.slice(endpoint.indexOf(' ') + 1);
    const type = OBJECT_TYPES.find((candidate) => path.startsWith(`${TYPE_ROUTES[candidate].path}/{id}/`));
    if (!type) continue;
    const pages = Math.max(0, Math.ceil(entries / DIRECTORY_PAGE) - 1);
    spend(`${path.replace('{id}', ID)}?$select=id&$top=999`, pages);
    perType[type].http += pages;
    perType[type].graph += pages;
    http += pages;
    graph += pages;
  }
  return { http, graph, budgets, perType };
}

/** Each budget's published limit per window; the identity limit depends on the tenant's size. */
function budgetRates(tenantUsers: number): Partial<Record<ScopeKind, { limit: number; windowMs: number }>> {
  return {
    identity: { limit: identityLimit(tenantUsers), windowMs: 10_000 },
    auditLogs: DEFAULT_BUDGETS.auditLogs,
    conditionalAccess: DEFAULT_BUDGETS.conditionalAccess,
    intune: DEFAULT_BUDGETS.intune,
  };
}

/**
 * The least time each budget's use takes at its published limit: a full bucket to start
 * with, then the refill rate, (units − limit) / limit × window.
 */
export function minimumTimesMs(use: BudgetUse, tenantUsers: number): Partial<Record<ScopeKind, number>> {
  const times: Partial<Record<ScopeKind, number>> = {};
  for (const [kind, rate] of Object.entries(budgetRates(tenantUsers)) as [
    ScopeKind,
    { limit: number; windowMs: number },
  ][]) {
    const units = use[kind] ?? 0;
    times[kind] = (Math.max(0, units - rate.limit) / rate.limit) * rate.windowMs;
  }
  return times;
}
