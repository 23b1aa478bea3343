// Plans the restore of backed-up directory items into a live tenant. It reads the target
// first (live objects, the recycle bin, what the items point at), then plans objects
// before links and role and app role assignments, in dependency order: named locations
// and roles, principals (users, groups, units, applications, service principals), then
// the policies that name them.
// Nothing is written here; the plan is what the dry run shows and the executor runs.
import type { GraphClient } from '../../../graph/index.js';
import type { DirectoryItem, DirectoryType } from '../item.js';
import { TYPE_ROUTES } from '../routes.js';
import { policyReferences } from './conditional-access.js';
import { planGrants } from './grant-plans.js';
import { backedUpGrants, grantedDirectoryObjects } from './grants.js';
import { planLinks, planLinksToRecreated } from './link-plans.js';
import { linkRoute } from './links.js';
import { LiveTenant } from './live-tenant.js';
import { planObject } from './object-plans.js';
import { planReferencesToRecreated } from './recreated-references.js';
import type { RestorePlan } from './plan.js';
import { itemRef, PlanBuilder } from './plan-builder.js';
import type { PlanningContext, Presence, RestoreOptions, SnapshotItems } from './planning-context.js';
import { References } from './references.js';

/** Restorable types, each after the types its objects can refer to. */
const RESTORE_ORDER: readonly DirectoryType[] = [
  'namedLocations',
  'customRoles',
  'users',
  'groups',
  'administrativeUnits',
  'applications',
  'servicePrincipals',
  'conditionalAccessPolicies',
  'deviceConfigurations',
  'deviceCompliancePolicies',
];

/** Principals whose re-creation must be followed by links from the objects that held them. */
const PRINCIPAL_TYPES: ReadonlySet<DirectoryType> = new Set(['users', 'groups', 'servicePrincipals']);

/** The chosen items cannot be restored as asked: read-only types, or tenant-bound types into another tenant. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

/** Why items of a type cannot be restored into the target, or undefined when they can. */
export function refusalOf(type: DirectoryType, crossTenant: boolean): string | undefined {
  const route = TYPE_ROUTES[type];
  if (route.restore === 'readOnly') {
    return `${route.label} are read-only: they can be viewed and exported, never restored`;
  }
  if (crossTenant && !route.crossTenant) {
    return `${route.label} belong to their tenant and can be restored only into it, not into another tenant`;
  }
  return undefined;
}

function refuseUnrestorable(items: readonly DirectoryItem[], crossTenant: boolean): void {
  const reasons = new Set<string>();
  for (const item of items) {
    const reason = refusalOf(item.type, crossTenant);
    if (reason) reasons.add(reason);
  }
  if (reasons.size > 0) throw new RestoreRefusedError([...reasons].join('; '));
}

/** Ids of directory objects (users, groups, service principals …) the items name outside themselves. */
function referencedDirectoryObjects(items: readonly DirectoryItem[]): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    for (const [relationship, targets] of Object.entries(item.relationships)) {
      if (linkRoute(item.type, relationship)) for (const target of targets) ids.add(target);
    }
    if (item.type === 'conditionalAccessPolicies') {
      for (const { id, kind } of policyReferences(item.object)) if (kind === 'directoryObject') ids.add(id);
    }
    if (Array.isArray(item.object.assignments)) {
      for (const assignment of item.object.assignments as { target?: { groupId?: unknown } }[]) {
        if (typeof assignment.target?.groupId === 'string') ids.add(assignment.target.groupId);
      }
    }
  }
  return ids;
}

/** Named locations the policies name that are not in the tenant: they come back with the policies. */
async function missingNamedLocations(
  items: readonly DirectoryItem[],
  liveLocations: ReadonlySet<string>,
  snapshot: SnapshotItems,
): Promise<DirectoryItem[]> {
  const chosen = new Set(items.map((item) => item.id));
  const wanted = new Set<string>();
  for (const item of items) {
    if (item.type !== 'conditionalAccessPolicies') continue;
    for (const { id, kind } of policyReferences(item.object)) {
      if (kind === 'namedLocation' && !liveLocations.has(id) && !chosen.has(id)) wanted.add(id);
    }
  }
  if (wanted.size === 0) return [];
  const found: DirectoryItem[] = [];
  for await (const location of snapshot.ofType('namedLocations'))
    if (wanted.has(location.id)) found.push(location);
  return found;
}

function inRestoreOrder(items: readonly DirectoryItem[]): DirectoryItem[] {
  return [...items].sort((a, b) => RESTORE_ORDER.indexOf(a.type) - RESTORE_ORDER.indexOf(b.type));
}

export async function planRestore(
  graph: GraphClient,
  chosen: readonly DirectoryItem[],
  snapshot: SnapshotItems,
  options: RestoreOptions,
): Promise<RestorePlan> {
  const crossTenant = options.sourceTenantId !== options.targetTenantId;
  refuseUnrestorable(chosen, crossTenant);
  const live = new LiveTenant(graph);
  const builder = new PlanBuilder();

  const hasPolicies = chosen.some((item) => item.type === 'conditionalAccessPolicies');
  const liveLocations = hasPolicies ? await live.namedLocationIds() : new Set<string>();
  const items = inRestoreOrder([
    ...chosen,
    ...(await missingNamedLocations(chosen, liveLocations, snapshot)),
  ]);

  const liveObjects = await live.objects(items);
  const recyclable = items.filter(
    (item) => !liveObjects.has(item.id) && TYPE_ROUTES[item.type].restore === 'deletedItemsOrCreate',
  );
  const recycleBin = recyclable.length > 0 ? await live.deletedObjects(recyclable) : new Map();
  const restoredIds = new Set(items.map((item) => item.id));
  // Those who held roles and app roles belong to the source tenant: assignments stay there.
  const grants = crossTenant ? { grants: [], withoutDetails: [] } : await backedUpGrants(items, snapshot);
  const outside = [
    ...referencedDirectoryObjects(items),
    ...grants.grants.flatMap(grantedDirectoryObjects),
  ].filter((id) => !restoredIds.has(id));
  const existing = await live.existingDirectoryObjects(outside);
  for (const id of liveLocations) existing.add(id);
  if (grants.grants.some((grant) => grant.kind === 'role'))
    for (const id of await live.roleDefinitionIds()) existing.add(id);

  const context: PlanningContext = { builder, references: new References(existing), live, options };
  const presences = new Map<string, Presence>();
  for (const item of items) {
    const presence = planObject(context, item, liveObjects.get(item.id), recycleBin.get(item.id));
    if (presence) presences.set(item.id, presence);
  }
  for (const item of items) {
    const presence = presences.get(item.id);
    if (presence) await planLinks(context, item, presence);
  }
  const recreatedPrincipals = items.filter(
    (item) => PRINCIPAL_TYPES.has(item.type) && presences.get(item.id)?.state === 'recreated',
  );
  await planGrants(context, grants, new Map(items.map((item) => [item.id, item])));
  await planLinksToRecreated(context, recreatedPrincipals, restoredIds, snapshot);
  await planReferencesToRecreated(context, recreatedPrincipals, restoredIds, snapshot);

  const plan = builder.build(options.sourceTenantId, options.targetTenantId);
  const touched = new Set([...plan.writes, ...plan.skipped].map((entry) => entry.item.id));
  for (const item of items) {
    if (!touched.has(item.id)) plan.skipped.push({ item: itemRef(item), reason: 'already as in the backup' });
  }
  return plan;
}
