// Conditional Access policies and Intune policies outside the restore that name a
// re-created principal. Entra keeps the old id in them, so a policy that included or
// excluded a purged group now does so for nobody; the restore points them at the new id.
// The live policy is what gets written, with only those references changed: whatever
// else changed since the backup stays, and a policy that no longer names the principal
// is left alone.
import type { DirectoryItem, DirectoryType, GraphObject } from '../item.js';
import { TYPE_ROUTES } from '../routes.js';
import { policyReferences, rewritePolicy } from './conditional-access.js';
import { rewriteAssignments } from './intune.js';
import { newValueOf } from './plan.js';
import { itemRef } from './plan-builder.js';
import type { PlanningContext, SnapshotItems } from './planning-context.js';
import type { Reference } from './references.js';

const POLICY_TYPES: readonly DirectoryType[] = [
  'conditionalAccessPolicies',
  'deviceConfigurations',
  'deviceCompliancePolicies',
];

/** The directory objects a policy names: users, groups and service principals in conditions, groups in assignments. */
function namedPrincipals(type: DirectoryType, policy: GraphObject): string[] {
  if (type === 'conditionalAccessPolicies') {
    return policyReferences(policy)
      .filter(({ kind }) => kind === 'directoryObject')
      .map(({ id }) => id);
  }
  const assignments = Array.isArray(policy.assignments) ? policy.assignments : [];
  return (assignments as { target?: { groupId?: unknown } }[]).flatMap(({ target }) =>
    typeof target?.groupId === 'string' ? [target.groupId] : [],
  );
}

/** Plans the writes that point the policies of the snapshot, outside the restore, at re-created principals. */
export async function planReferencesToRecreated(
  context: PlanningContext,
  recreated: readonly DirectoryItem[],
  restoredIds: ReadonlySet<string>,
  snapshot: SnapshotItems,
): Promise<void> {
  if (recreated.length === 0) return;
  const { builder, live } = context;
  const ids = new Set(recreated.map((item) => item.id));
  const holders: DirectoryItem[] = [];
  for (const type of POLICY_TYPES) {
    for await (const policy of snapshot.ofType(type)) {
      if (!restoredIds.has(policy.id) && namedPrincipals(type, policy.object).some((id) => ids.has(id)))
        holders.push(policy);
    }
  }
  if (holders.length === 0) return;
  const current = await live.objects(holders);
  const resolve = (id: string): Reference => ({ value: ids.has(id) ? newValueOf(id) : id, after: [] });
  for (const holder of holders) {
    const policy = current.get(holder.id);
    // Deleted since the backup, or no longer naming them: nothing to point.
    const named = policy ? namedPrincipals(holder.type, policy).filter((id) => ids.has(id)) : [];
    if (!policy || named.length === 0) continue;
    const url = `${TYPE_ROUTES[holder.type].path}/${holder.id}`;
    const write =
      holder.type === 'conditionalAccessPolicies'
        ? {
            method: 'PATCH' as const,
            url,
            body: { conditions: rewritePolicy(policy, resolve).policy.conditions },
          }
        : {
            method: 'POST' as const,
            url: `${url}/assign`,
            body: { assignments: rewriteAssignments(policy.assignments, resolve).assignments },
          };
    builder.add({
      ...write,
      why: `names ${named.join(', ')}, re-created with a new id: point it at the new one`,
      item: itemRef(holder),
      batchable: true,
    });
  }
}
