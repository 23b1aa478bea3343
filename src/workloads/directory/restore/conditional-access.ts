// A Conditional Access policy names users, groups, service principals, named locations,
// roles and applications by id. Restored into a tenant where some of them were
// re-created (new ids) or never existed (another tenant), every reference goes through
// the old-id -> new-id map, and what cannot be found is left out. Leaving out a reference
// changes what the policy does (an exclusion dropped widens it: a break-glass account
// could be locked out), so such a policy comes back in report-only mode for an admin to
// review, never enforced.
import type { GraphObject } from '../item.js';
import type { Reference } from './references.js';

export type ReferenceKind = 'directoryObject' | 'namedLocation' | 'role' | 'application';

/** Values that name a set rather than an object. */
const KEYWORDS = new Set([
  'All',
  'None',
  'GuestsOrExternalUsers',
  'AllTrusted',
  'Office365',
  'MicrosoftAdminPortals',
  'ServicePrincipalsInMyTenant',
]);

const REFERENCE_LISTS: readonly [path: readonly [string, string], kind: ReferenceKind][] = [
  [['users', 'includeUsers'], 'directoryObject'],
  [['users', 'excludeUsers'], 'directoryObject'],
  [['users', 'includeGroups'], 'directoryObject'],
  [['users', 'excludeGroups'], 'directoryObject'],
  [['users', 'includeRoles'], 'role'],
  [['users', 'excludeRoles'], 'role'],
  [['applications', 'includeApplications'], 'application'],
  [['applications', 'excludeApplications'], 'application'],
  [['locations', 'includeLocations'], 'namedLocation'],
  [['locations', 'excludeLocations'], 'namedLocation'],
  [['clientApplications', 'includeServicePrincipals'], 'directoryObject'],
  [['clientApplications', 'excludeServicePrincipals'], 'directoryObject'],
];

const REPORT_ONLY = 'enabledForReportingButNotEnforced';

type Conditions = Record<string, Record<string, unknown> | null | undefined>;

/** Each reference list of a policy's conditions that is present, with what its entries name. */
function* referenceLists(
  policy: GraphObject,
): Generator<{ parent: Record<string, unknown>; name: string; path: string; kind: ReferenceKind }> {
  const conditions = policy.conditions as Conditions | null | undefined;
  if (!conditions) return;
  for (const [[section, name], kind] of REFERENCE_LISTS) {
    const parent = conditions[section];
    if (parent && Array.isArray(parent[name])) {
      yield { parent, name, path: `conditions.${section}.${name}`, kind };
    }
  }
}

/** Every object a policy names (keywords such as 'All' aside). */
export function policyReferences(policy: GraphObject): { id: string; kind: ReferenceKind }[] {
  const found: { id: string; kind: ReferenceKind }[] = [];
  for (const { parent, name, kind } of referenceLists(policy)) {
    for (const id of parent[name] as string[]) if (!KEYWORDS.has(id)) found.push({ id, kind });
  }
  return found;
}

export interface RewrittenPolicy {
  policy: GraphObject;
  /** Steps the referenced objects wait for. */
  after: number[];
  /** References left out, as "conditions.users.excludeUsers: <id>". */
  dropped: string[];
}

function includesAnyone(users: Record<string, unknown>): boolean {
  const nonEmpty = (name: string) => Array.isArray(users[name]) && (users[name] as unknown[]).length > 0;
  return (
    nonEmpty('includeUsers') ||
    nonEmpty('includeGroups') ||
    nonEmpty('includeRoles') ||
    (users.includeGuestsOrExternalUsers !== null && users.includeGuestsOrExternalUsers !== undefined)
  );
}

/**
 * The policy with its references resolved in the target. `resolve` answers for one id,
 * or undefined when it cannot be found there.
 */
export function rewritePolicy(
  policy: GraphObject,
  resolve: (id: string, kind: ReferenceKind) => Reference | undefined,
): RewrittenPolicy {
  const rewritten = structuredClone(policy);
  const after = new Set<number>();
  const dropped: string[] = [];
  for (const { parent, name, path, kind } of referenceLists(rewritten)) {
    const kept: string[] = [];
    for (const value of parent[name] as string[]) {
      const reference = KEYWORDS.has(value) ? { value, after: [] } : resolve(value, kind);
      if (!reference) {
        dropped.push(`${path}: ${value}`);
        continue;
      }
      kept.push(reference.value);
      for (const step of reference.after) after.add(step);
    }
    parent[name] = kept;
  }
  if (dropped.length > 0) {
    if (rewritten.state === 'enabled') rewritten.state = REPORT_ONLY;
    const users = (rewritten.conditions as Conditions).users;
    // Graph refuses a policy that includes nobody; 'None' keeps it valid and harmless.
    if (users && !includesAnyone(users)) users.includeUsers = ['None'];
  }
  return { policy: rewritten, after: [...after].sort((a, b) => a - b), dropped };
}
