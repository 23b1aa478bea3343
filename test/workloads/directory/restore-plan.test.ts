// The parts of a restore plan that need no tenant: placeholders for values Entra issues
// later, and Conditional Access references resolved in a target where some are missing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GraphObject } from '../../../src/workloads/directory/item.js';
import { rewritePolicy } from '../../../src/workloads/directory/restore/conditional-access.js';
import {
  fillPlaceholders,
  newValueOf,
  placeholdersIn,
} from '../../../src/workloads/directory/restore/plan.js';
import { References } from '../../../src/workloads/directory/restore/references.js';

test('placeholders name the old values they stand for and are filled from the id map', () => {
  const write = {
    url: `/groups/${newValueOf('g-old')}/members/$ref`,
    body: { '@odata.id': `https://graph/v1.0/directoryObjects/${newValueOf('u-old')}`, keep: [1, 'x'] },
  };
  assert.deepEqual(placeholdersIn(write).sort(), ['g-old', 'u-old']);
  const map = new Map([
    ['g-old', 'g-new'],
    ['u-old', 'u-new'],
  ]);
  assert.equal(fillPlaceholders(write.url, map), '/groups/g-new/members/$ref');
  assert.deepEqual(fillPlaceholders(write.body, map), {
    '@odata.id': 'https://graph/v1.0/directoryObjects/u-new',
    keep: [1, 'x'],
  });
  assert.equal(fillPlaceholders(write.body, new Map([['g-old', 'g-new']])), undefined);
});

const policy = (state: string, users: Record<string, unknown>): GraphObject => ({
  id: 'p-1',
  state,
  conditions: {
    users: { includeGroups: [], includeRoles: [], excludeUsers: [], ...users },
    applications: { includeApplications: ['All'] },
    locations: { includeLocations: ['loc-old'], excludeLocations: ['AllTrusted'] },
  },
});

test('a policy keeps keywords, re-points replaced objects and waits for restored ones', () => {
  const references = new References(new Set(['u-live']));
  references.replaces('loc-old');
  references.keeps('g-binned', 4);
  const rewritten = rewritePolicy(
    policy('enabled', { includeUsers: ['u-live'], includeGroups: ['g-binned'] }),
    (id) => references.resolve(id),
  );
  assert.deepEqual(rewritten.dropped, []);
  assert.equal(rewritten.policy.state, 'enabled');
  assert.deepEqual(rewritten.after, [4]);
  const conditions = rewritten.policy.conditions as Record<string, Record<string, unknown>>;
  assert.deepEqual(conditions.users!.includeUsers, ['u-live']);
  assert.deepEqual(conditions.locations, {
    includeLocations: ['{new:loc-old}'],
    excludeLocations: ['AllTrusted'],
  });
});

test('a policy that loses references is never enforced, and one that would include nobody includes None', () => {
  const references = new References(new Set(['loc-old']));
  const narrowed = rewritePolicy(
    policy('enabled', { includeUsers: ['u-gone'], excludeUsers: ['u-gone-2'] }),
    (id) => references.resolve(id),
  );
  assert.deepEqual(narrowed.dropped, [
    'conditions.users.includeUsers: u-gone',
    'conditions.users.excludeUsers: u-gone-2',
  ]);
  assert.equal(narrowed.policy.state, 'enabledForReportingButNotEnforced');
  const users = (narrowed.policy.conditions as Record<string, Record<string, unknown>>).users!;
  assert.deepEqual(users.includeUsers, ['None']);
  assert.deepEqual(users.excludeUsers, []);

  const disabled = rewritePolicy(
    policy('disabled', { includeUsers: ['All'], excludeUsers: ['u-gone'] }),
    (id) => references.resolve(id),
  );
  assert.equal(disabled.policy.state, 'disabled');
  assert.deepEqual(
    (disabled.policy.conditions as Record<string, Record<string, unknown>>).users!.includeUsers,
    ['All'],
  );
});
