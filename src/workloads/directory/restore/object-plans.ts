// The writes that bring one object back to its backed-up properties:
//   live            PATCH the properties that changed since the backup
//   in recycle bin  POST /directory/deletedItems/{id}/restore (same id), then PATCH
//   gone            POST to re-create it (new id, recorded in the id map)
// and, for Intune policies, POST …/assign when their assignments differ.
import { diffProperties } from '../attribute-diff.js';
import type { DirectoryItem, GraphObject } from '../item.js';
import { TYPE_ROUTES } from '../routes.js';
import { rewritePolicy, type ReferenceKind } from './conditional-access.js';
import { DEFAULT_SCHEDULED_ACTIONS, rewriteAssignments, sameAssignments } from './intune.js';
import { newValueOf, TEMPORARY_PASSWORD } from './plan.js';
import { itemRef } from './plan-builder.js';
import type { PlanningContext, Presence } from './planning-context.js';
import { creatableProperties, isPatchable, managedElsewhere, patchBody } from './properties.js';
import type { Reference } from './references.js';

/** Users and groups synchronised from on-premises Active Directory are changed there; Entra refuses. */
export function masteredOnPremises(object: GraphObject | undefined): boolean {
  return object?.onPremisesSyncEnabled === true;
}

function isGuest(object: GraphObject): boolean {
  return object.userType === 'Guest' || String(object.userPrincipalName ?? '').includes('#EXT#');
}

/** The backed-up object as it should be in the target: Conditional Access references resolved there. */
function desiredObject(
  context: PlanningContext,
  item: DirectoryItem,
): { object: GraphObject; after: number[] } {
  if (item.type !== 'conditionalAccessPolicies') return { object: item.object, after: [] };
  const { references } = context;
  const resolve = (id: string, kind: ReferenceKind): Reference | undefined =>
    references.resolve(id) ??
    // Role template ids and application ids of Microsoft's and multi-tenant apps are the same in every tenant.
    (kind === 'role' || kind === 'application' ? { value: id, after: [] } : undefined);
  const rewritten = rewritePolicy(item.object, resolve);
  if (rewritten.dropped.length > 0) {
    const state = rewritten.policy.state === item.object.state ? '' : '; restored in report-only mode';
    context.builder.skip(
      itemRef(item),
      `references not found in the target tenant left out (${rewritten.dropped.join(', ')})${state}`,
    );
  }
  return { object: rewritten.policy, after: rewritten.after };
}

/** Plans the writes for one object and says where it stands; undefined when it cannot be brought back. */
export function planObject(
  context: PlanningContext,
  item: DirectoryItem,
  live: GraphObject | undefined,
  inRecycleBin: GraphObject | undefined,
): Presence | undefined {
  const { builder, references } = context;
  const desired = desiredObject(context, item);
  if (live) {
    references.keeps(item.id);
    planUpdate(context, item, desired.object, live, desired.after);
    planAssignments(context, item, item.id, live.assignments, desired.after);
    return { state: 'live', object: live };
  }
  if (inRecycleBin) {
    const deletedAt =
      typeof inRecycleBin.deletedDateTime === 'string' ? ` on ${inRecycleBin.deletedDateTime}` : '';
    const restoreStep = builder.add({
      method: 'POST',
      url: `/directory/deletedItems/${item.id}/restore`,
      why: `deleted${deletedAt} and still in the recycle bin: restoring keeps its id and memberships`,
      item: itemRef(item),
    });
    references.keeps(item.id, restoreStep);
    const after = [restoreStep, ...desired.after];
    planUpdate(context, item, desired.object, inRecycleBin, after);
    planAssignments(context, item, item.id, inRecycleBin.assignments, after);
    return { state: 'inRecycleBin', object: inRecycleBin };
  }
  return planCreate(context, item, desired.object, desired.after);
}

function planUpdate(
  context: PlanningContext,
  item: DirectoryItem,
  desired: GraphObject,
  current: GraphObject,
  after: number[],
): void {
  const differences = diffProperties(current, desired).filter((change) => change.new !== undefined);
  for (const { property } of differences) {
    const why = managedElsewhere(property);
    if (why) context.builder.skip(itemRef(item), `${property} differ from the backup and stay: ${why}`);
  }
  const changed = differences.filter((change) => isPatchable(item.type, change.property));
  if (changed.length === 0) return;
  if (masteredOnPremises(current)) {
    context.builder.skip(
      itemRef(item),
      `synchronised from on-premises Active Directory: change ${changed.map((c) => c.property).join(', ')} there`,
    );
    return;
  }
  const properties = Object.fromEntries(changed.map((change) => [change.property, change.new]));
  context.builder.add({
    method: 'PATCH',
    url: `${TYPE_ROUTES[item.type].path}/${item.id}`,
    body: patchBody(item.type, desired, properties),
    why: `changed since the backup: ${changed.map((change) => change.property).join(', ')}`,
    item: itemRef(item),
    after,
    batchable: true,
  });
}

function planCreate(
  context: PlanningContext,
  item: DirectoryItem,
  desired: GraphObject,
  after: number[],
): Presence | undefined {
  const { builder, references, options } = context;
  const route = TYPE_ROUTES[item.type];
  const ref = itemRef(item);
  if (item.type === 'users' && isGuest(item.object)) {
    builder.skip(
      ref,
      'a guest is gone for good: invite them again (POST /invitations); guests are not re-created',
    );
    return undefined;
  }
  const body = creatableProperties(item.type, desired);
  const creates: Record<string, string> = { id: item.id };
  let why =
    route.restore === 'deletedItemsOrCreate'
      ? 'deleted and no longer in the recycle bin: re-created with a new id'
      : 'not in the tenant: re-created with a new id';
  let revealsPassword: boolean | undefined;
  // Applications with ids that embed their appId (api://<appId>) get them once Entra has issued the new appId.
  let identifierUrisLater: string[] | undefined;

  switch (item.type) {
    case 'users':
      // Passwords are never readable: the user gets a new one, shown once, or none usable at all.
      body.passwordProfile = { password: TEMPORARY_PASSWORD, forceChangePasswordNextSignIn: true };
      revealsPassword = options.newUsers === 'temporary-password';
      if (options.newUsers === 'disabled') {
        body.accountEnabled = false;
        why += ', disabled until an admin sets a password and enables it';
      } else {
        why += ', with a temporary password to change at the next sign-in';
      }
      break;
    case 'applications': {
      const appId = item.object.appId;
      if (typeof appId === 'string') {
        creates.appId = appId;
        const uris = Array.isArray(body.identifierUris) ? (body.identifierUris as string[]) : [];
        if (uris.some((uri) => uri.includes(appId))) {
          identifierUrisLater = uris.map((uri) => uri.split(appId).join(newValueOf(appId)));
          delete body.identifierUris;
        }
        why += ' and a new application (client) id; its secrets and certificates must be issued again';
      }
      break;
    }
    case 'servicePrincipals':
      if (typeof body.appId === 'string') body.appId = references.resolve(body.appId)?.value ?? body.appId;
      break;
    case 'deviceCompliancePolicies':
      body.scheduledActionsForRule = scheduledActions(item.object.scheduledActionsForRule);
      break;
    default:
      break;
  }

  for (const old of Object.values(creates)) references.replaces(old);
  builder.add({
    method: 'POST',
    url: route.path,
    body,
    why,
    item: ref,
    after,
    creates,
    revealsPassword,
  });
  const newId = newValueOf(item.id);
  if (identifierUrisLater) {
    builder.add({
      method: 'PATCH',
      url: `${route.path}/${newId}`,
      body: { identifierUris: identifierUrisLater },
      why: 'identifier URIs that name the application id, with the new one',
      item: ref,
      batchable: true,
    });
  }
  planAssignments(context, item, newId, [], after);
  return { state: 'recreated' };
}

/** The backed-up scheduled actions without Intune's ids (a new policy gets new ones), or Intune's default. */
function scheduledActions(backedUp: unknown): unknown {
  if (!Array.isArray(backedUp) || backedUp.length === 0) return DEFAULT_SCHEDULED_ACTIONS;
  return (backedUp as Record<string, unknown>[]).map(
    ({ id: _id, scheduledActionConfigurations, ...rule }) => ({
      ...rule,
      scheduledActionConfigurations: Array.isArray(scheduledActionConfigurations)
        ? (scheduledActionConfigurations as Record<string, unknown>[]).map(
            ({ id: _configId, ...config }) => config,
          )
        : [],
    }),
  );
}

/** POST …/assign when the backed-up assignments (targets re-pointed) differ from the current ones. */
function planAssignments(
  context: PlanningContext,
  item: DirectoryItem,
  objectId: string,
  current: unknown,
  after: number[],
): void {
  if (item.object.assignments === undefined) return;
  const { builder, references } = context;
  const rewritten = rewriteAssignments(item.object.assignments, (groupId) => references.resolve(groupId));
  if (rewritten.dropped.length > 0) {
    builder.skip(
      itemRef(item),
      `assignments to groups not in the target tenant left out: ${rewritten.dropped.join(', ')}`,
    );
  }
  if (sameAssignments(current, rewritten.assignments)) return;
  builder.add({
    method: 'POST',
    url: `${TYPE_ROUTES[item.type].path}/${objectId}/assign`,
    body: { assignments: rewritten.assignments },
    why: 'assignments as in the backup (assign replaces them all)',
    item: itemRef(item),
    after: [...after, ...rewritten.after],
    batchable: true,
  });
}
