// The writes that bring relationships back: for each backed-up relationship of a restored
// object, add the targets it lacks and remove those it gained since the backup; for a
// principal that had to be re-created, add it back to the groups, units, applications and
// service principals of the snapshot that held it. Targets go through the id map; a
// target that is neither in the tenant nor being restored is left out and said so.
import type { DirectoryItem, DirectoryType } from '../item.js';
import {
  addLink,
  linkRoute,
  linksPointingAtPrincipals,
  membersFollowRule,
  notRestoredReason,
  removeLink,
} from './links.js';
import { newValueOf } from './plan.js';
import { itemRef, kindOf } from './plan-builder.js';
import type { PlanningContext, Presence, SnapshotItems } from './planning-context.js';
import { masteredOnPremises } from './object-plans.js';

/** Relationships Entra takes from on-premises Active Directory for synchronised objects. */
const SYNCHRONISED_LINKS: ReadonlySet<string> = new Set(['users/manager', 'groups/members']);

const SINGULAR: Readonly<Record<string, string>> = { members: 'member', owners: 'owner', manager: 'manager' };

/** "member of the group", "owner of the app registration". */
function roleIn(type: DirectoryType, relationship: string): string {
  return `${SINGULAR[relationship] ?? relationship} of the ${kindOf(type)}`;
}

/** Plans an item's relationships once every object of the restore has its place in the plan. */
export async function planLinks(
  context: PlanningContext,
  item: DirectoryItem,
  presence: Presence,
): Promise<void> {
  const { builder, references, live } = context;
  const ref = itemRef(item);
  const source = references.resolve(item.id);
  if (!source) return;
  for (const [relationship, targets] of Object.entries(item.relationships)) {
    const route = linkRoute(item.type, relationship);
    if (!route) {
      if (targets.length > 0) builder.skip(ref, notRestoredReason(item.type, relationship));
      continue;
    }
    if (relationship === 'members' && membersFollowRule(item.type, item.object)) {
      builder.skip(ref, 'members follow the membership rule: Entra computes them');
      continue;
    }
    const current =
      presence.state === 'live'
        ? await live.linkTargets(item, relationship)
        : presence.state === 'recreated'
          ? []
          : // Entra brings links back with the object; which ones is unknown until it ran.
            undefined;
    const differs =
      current === undefined || current.length !== targets.length || targets.some((t) => !current.includes(t));
    if (!differs) continue;
    const onPremises = presence.state === 'recreated' ? undefined : presence.object;
    if (SYNCHRONISED_LINKS.has(`${item.type}/${relationship}`) && masteredOnPremises(onPremises)) {
      builder.skip(
        ref,
        `${relationship} are synchronised from on-premises Active Directory: change them there`,
      );
      continue;
    }

    const adds: number[] = [];
    const missing: string[] = [];
    for (const target of targets) {
      if (current?.includes(target)) continue;
      const reference = references.resolve(target);
      if (!reference) {
        missing.push(target);
        continue;
      }
      adds.push(
        builder.add({
          ...addLink(item.type, source.value, relationship, reference.value, live.graphBaseUrl),
          why: `${route.single ? 'set' : 'add'} ${roleIn(item.type, relationship)}: ${target}`,
          item: ref,
          after: [...source.after, ...reference.after],
          batchable: true,
          alreadyDone: 'linkExists',
        }),
      );
    }
    if (missing.length > 0) {
      builder.skip(ref, `${relationship} no longer in the tenant and not restored: ${missing.join(', ')}`);
    }
    // A set manager replaces the previous one; other links gained since the backup go, after the adds.
    const extra = (current ?? []).filter((target) => !targets.includes(target));
    if (route.single && adds.length > 0) continue;
    for (const target of extra) {
      builder.add({
        ...removeLink(item.type, source.value, relationship, target),
        why: `remove ${roleIn(item.type, relationship)}: ${target} (not there at the time of the backup)`,
        item: ref,
        after: [...source.after, ...adds],
        batchable: true,
        alreadyDone: 'linkMissing',
      });
    }
  }
}

/**
 * Adds re-created principals back to the objects of the snapshot that linked to them and
 * are not themselves being restored (those are planned with their own links): groups,
 * units, applications and service principals they were members or owners of, and users
 * they were the manager of. A manager is set only where the user has none now: one given
 * since the deletion is the admin's choice.
 */
export async function planLinksToRecreated(
  context: PlanningContext,
  recreated: readonly DirectoryItem[],
  restoredIds: ReadonlySet<string>,
  snapshot: SnapshotItems,
): Promise<void> {
  if (recreated.length === 0) return;
  const { builder, live } = context;
  const byId = new Map(recreated.map((item) => [item.id, item]));
  const holders: { holder: DirectoryItem; relationship: string; targets: string[] }[] = [];
  for (const [type, relationship] of linksPointingAtPrincipals()) {
    for await (const holder of snapshot.ofType(type)) {
      if (restoredIds.has(holder.id)) continue;
      if (relationship === 'members' && membersFollowRule(type, holder.object)) continue;
      const targets = (holder.relationships[relationship] ?? []).filter((target) => byId.has(target));
      if (targets.length > 0) holders.push({ holder, relationship, targets });
    }
  }
  const existing = await live.existingDirectoryObjects(holders.map(({ holder }) => holder.id));
  const managed = holders.filter(({ holder, relationship }) => linkRoute(holder.type, relationship)?.single);
  const managers = await live.managers(
    managed.map(({ holder }) => holder.id).filter((id) => existing.has(id)),
  );
  for (const { holder, relationship, targets } of holders) {
    const single = linkRoute(holder.type, relationship)?.single === true;
    for (const target of targets) {
      const principal = byId.get(target) as DirectoryItem;
      const role = SINGULAR[relationship] ?? relationship;
      const where = `${kindOf(holder.type)} ${holder.id}`;
      if (!existing.has(holder.id)) {
        builder.skip(itemRef(principal), `was ${role} of ${where}, which is no longer in the tenant`);
        continue;
      }
      if (SYNCHRONISED_LINKS.has(`${holder.type}/${relationship}`) && masteredOnPremises(holder.object)) {
        builder.skip(
          itemRef(principal),
          `was ${role} of ${where}, whose ${relationship} are synchronised from on-premises Active Directory: change them there`,
        );
        continue;
      }
      const current = single ? managers.get(holder.id) : undefined;
      if (current !== undefined) {
        builder.skip(
          itemRef(principal),
          `was ${role} of ${where}, which has ${current} as ${role} now: left alone`,
        );
        continue;
      }
      builder.add({
        ...addLink(holder.type, holder.id, relationship, newValueOf(target), live.graphBaseUrl),
        why: `re-created: ${single ? 'set it back' : 'add it back'} as ${role} of ${where}`,
        item: itemRef(principal),
        batchable: true,
        alreadyDone: 'linkExists',
      });
    }
  }
}
