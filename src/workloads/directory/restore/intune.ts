// Intune device configurations and compliance policies: their assignments are written
// by POST …/{id}/assign (which replaces them all), each naming a target group that may
// have been re-created or may not exist in the target tenant; compliance policies cannot
// be created without scheduled actions.
import { isDeepStrictEqual } from 'node:util';
import { canonicalJson } from '../item.js';
import type { Reference } from './references.js';

interface Assignment {
  target?: { groupId?: string } & Record<string, unknown>;
}

export interface RewrittenAssignments {
  /** What /assign takes: the targets only (assignment ids are Intune's). */
  assignments: { target: Record<string, unknown> }[];
  after: number[];
  /** Group ids no longer found. */
  dropped: string[];
}

/** Graph's own example, and what Intune applies when nothing else is set: noncompliant at once. */
export const DEFAULT_SCHEDULED_ACTIONS = [
  {
    ruleName: 'PasswordRequired',
    scheduledActionConfigurations: [{ actionType: 'block', gracePeriodHours: 0 }],
  },
];

export function rewriteAssignments(
  backedUp: unknown,
  resolve: (groupId: string) => Reference | undefined,
): RewrittenAssignments {
  const after = new Set<number>();
  const dropped: string[] = [];
  const assignments: { target: Record<string, unknown> }[] = [];
  for (const assignment of Array.isArray(backedUp) ? (backedUp as Assignment[]) : []) {
    const target = assignment.target;
    if (!target) continue;
    if (typeof target.groupId !== 'string') {
      assignments.push({ target });
      continue;
    }
    const reference = resolve(target.groupId);
    if (!reference) {
      dropped.push(target.groupId);
      continue;
    }
    for (const step of reference.after) after.add(step);
    assignments.push({ target: { ...target, groupId: reference.value } });
  }
  return { assignments, after: [...after], dropped };
}

/** Whether live assignments already target exactly these (order and assignment ids aside). */
export function sameAssignments(live: unknown, wanted: { target: Record<string, unknown> }[]): boolean {
  const targetsOf = (list: unknown) =>
    (Array.isArray(list) ? (list as Assignment[]) : [])
      .map((assignment) => canonicalJson(assignment.target ?? null))
      .sort();
  return isDeepStrictEqual(targetsOf(live), targetsOf(wanted));
}
