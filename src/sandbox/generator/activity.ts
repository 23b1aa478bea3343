// The activity simulator: the changes admins, users and sync tools make to a tenant over
// time, written through the store's change-recording API so delta queries see them, each
// with the audit log entry Entra would write, plus a steady stream of sign-ins.
import type { Application, ConditionalAccessPolicy, Group, User } from '@microsoft/microsoft-graph-types';
import type { DirectoryObject, DirectoryStore } from '../directory/store.js';
import type { Random } from '../random.js';
import type { Tenant } from '../tenant.js';
import { ApplicationFactory } from './applications.js';
import { bitlockerKeysFor } from './bitlocker.js';
import { DAY_MS, iso, toDirectoryObject, weighted, type Stored } from './context.js';
import { POLICY_STATES } from './conditional-access.js';
import { DeviceFactory } from './devices.js';
import { GroupFactory } from './groups.js';
import {
  appendLogs,
  LogWriter,
  modified,
  randomObject,
  storeSubjects,
  target,
  type AuditEntry,
} from './logs.js';
import { DEPARTMENTS, JOB_TITLES } from './names.js';
import { Nicknames } from './nicknames.js';
import { UserFactory } from './users.js';

export type ChangeKind =
  | 'updateUser'
  | 'createUser'
  | 'deleteUser'
  | 'addGroupMember'
  | 'removeGroupMember'
  | 'createGroup'
  | 'deleteGroup'
  | 'changePolicyState'
  | 'changePolicyConditions'
  | 'addRedirectUri'
  | 'rotateCredential'
  | 'addDevice';

export interface AppliedChange {
  kind: ChangeKind;
  collection: string;
  id: string;
}

export interface ActivitySummary {
  changes: AppliedChange[];
  counts: Partial<Record<ChangeKind, number>>;
  signIns: number;
  audits: number;
}

/** How often each kind of change happens relative to the others. */
const CHANGE_WEIGHTS: readonly (readonly [ChangeKind, number])[] = [
  ['updateUser', 25],
  ['addGroupMember', 12],
  ['removeGroupMember', 8],
  ['createUser', 6],
  ['deleteUser', 3],
  ['createGroup', 3],
  ['deleteGroup', 2],
  ['changePolicyState', 3],
  ['changePolicyConditions', 2],
  ['addRedirectUri', 3],
  ['rotateCredential', 3],
  ['addDevice', 4],
];

interface ChangeResult {
  change: AppliedChange;
  audit: AuditEntry;
}

class TenantActivity {
  readonly store: DirectoryStore;
  private readonly logs: LogWriter;
  private readonly roleHolders: Set<string>;
  private users: UserFactory | undefined;

  constructor(
    readonly tenant: Tenant,
    readonly random: Random,
    readonly now: () => number,
  ) {
    this.store = tenant.store;
    this.logs = new LogWriter(random, storeSubjects(this.store, random));
    this.roleHolders = new Set(
      [...this.store.collection('roleAssignments').values()].map(
        (assignment) => assignment.principalId as string,
      ),
    );
  }

  apply(kind: ChangeKind): ChangeResult | undefined {
    switch (kind) {
      case 'updateUser':
        return this.updateUser();
      case 'createUser':
        return this.createUser();
      case 'deleteUser':
        return this.deleteUser();
      case 'addGroupMember':
        return this.addGroupMember();
      case 'removeGroupMember':
        return this.removeGroupMember();
      case 'createGroup':
        return this.createGroup();
      case 'deleteGroup':
        return this.deleteGroup();
      case 'changePolicyState':
        return this.changePolicyState();
      case 'changePolicyConditions':
        return this.changePolicyConditions();
      case 'addRedirectUri':
        return this.addRedirectUri();
      case 'rotateCredential':
        return this.rotateCredential();
      case 'addDevice':
        return this.addDevice();
    }
  }

  writeAudit(audit: AuditEntry): void {
    this.store.create('directoryAudits', toDirectoryObject(this.logs.audit(this.now(), audit)));
  }

  writeSignIn(): boolean {
    const entry = this.logs.signIn(this.now());
    if (entry) this.store.create('signIns', toDirectoryObject(entry));
    return entry !== undefined;
  }

  /**
   * Administrators, and the members HR does not manage (no employeeId: the demo and
   * service accounts people sign in to the sandbox with), are never deleted or disabled.
   */
  private mayRemove(user: Stored<User>): boolean {
    return (
      !this.roleHolders.has(user.id) && (user.userType === 'Guest' || typeof user.employeeId === 'string')
    );
  }

  private pick<T>(
    collection: string,
    accept: (object: Stored<T>) => boolean = () => true,
  ): Stored<T> | undefined {
    // A few draws find an acceptable object in all but pathological tenants.
    for (let attempt = 0; attempt < 8; attempt++) {
      const object = randomObject(this.store, collection, this.random) as Stored<T> | undefined;
      if (object && accept(object)) return object;
    }
    return undefined;
  }

  private result(kind: ChangeKind, collection: string, id: string, audit: AuditEntry): ChangeResult {
    return { change: { kind, collection, id }, audit };
  }

  private updateUser(): ChangeResult | undefined {
    const random = this.random;
    const user = this.pick<User>('users');
    if (!user) return undefined;
    const department = random.pick(DEPARTMENTS);
    const choices: [keyof User, string, unknown][] = [
      ['jobTitle', 'JobTitle', random.pick(JOB_TITLES[department])],
      ['department', 'Department', department],
      [
        'displayName',
        'DisplayName',
        `${user.displayName ?? ''} (${random.pick(['old', 'contractor', 'ext', '☕'])})`.slice(0, 256),
      ],
      ['mobilePhone', 'Mobile', `+1 555 ${random.int(100, 999)} ${random.int(1000, 9999)}`],
      ['officeLocation', 'PhysicalDeliveryOfficeName', `Building ${random.int(1, 40)}`],
    ];
    if (this.mayRemove(user)) choices.push(['accountEnabled', 'AccountEnabled', !user.accountEnabled]);
    const [property, auditName, value] = random.pick(choices);
    this.store.update('users', user.id, { [property]: value });
    return this.result('updateUser', 'users', user.id, {
      activity:
        property === 'accountEnabled' ? (value ? 'Enable account' : 'Disable account') : 'Update user',
      category: 'UserManagement',
      operationType: 'Update',
      targets: [target('User', user, [modified(auditName, user[property], value)])],
    });
  }

  private createUser(): ChangeResult {
    const factory = this.userFactory();
    const user = this.random.chance(0.85)
      ? factory.member(this.now(), this.random.int(900000, 999999))
      : factory.guest(this.now());
    this.store.create('users', toDirectoryObject(user));
    const manager =
      user.userType === 'Member'
        ? this.pick<User>('users', (candidate) => candidate.userType === 'Member')
        : undefined;
    if (manager && manager.id !== user.id) this.store.link('users', user.id, 'manager', manager.id);
    return this.result('createUser', 'users', user.id, {
      activity: user.userType === 'Guest' ? 'Invite external user' : 'Add user',
      category: 'UserManagement',
      operationType: 'Add',
      service: user.userType === 'Guest' ? 'Invited Users' : 'Core Directory',
      targets: [
        target('User', user, [
          modified('AccountEnabled', undefined, true),
          modified('DisplayName', undefined, user.displayName),
        ]),
      ],
    });
  }

  /** Made on first use: it indexes every user principal name in the tenant. */
  private userFactory(): UserFactory {
    if (!this.users) {
      const nicknames = new Set<string>();
      for (const user of this.store.collection('users').values()) {
        nicknames.add(String(user.userPrincipalName).split('@')[0]?.toLowerCase() ?? '');
      }
      for (const entry of this.store.deletedItems('users')) {
        nicknames.add(String(entry.object.userPrincipalName).split('@')[0]?.toLowerCase() ?? '');
      }
      this.users = new UserFactory(this.random, this.tenant.info, new Nicknames(nicknames));
    }
    return this.users;
  }

  private deleteUser(): ChangeResult | undefined {
    const user = this.pick<User>('users', (candidate) => this.mayRemove(candidate));
    if (!user) return undefined;
    this.store.delete('users', user.id);
    return this.result('deleteUser', 'users', user.id, {
      activity: 'Delete user',
      category: 'UserManagement',
      operationType: 'Delete',
      targets: [target('User', user)],
    });
  }

  private editableGroup(accept: (group: Stored<Group>) => boolean = () => true): Stored<Group> | undefined {
    return this.pick<Group>('groups', (group) => !group.membershipRule && accept(group));
  }

  private addGroupMember(): ChangeResult | undefined {
    const group = this.editableGroup();
    const user = this.pick<User>('users');
    if (!group || !user || !this.store.link('groups', group.id, 'members', user.id)) return undefined;
    return this.result(
      'addGroupMember',
      'groups',
      group.id,
      this.membershipAudit('Add member to group', 'Assign', group, toDirectoryObject(user)),
    );
  }

  private removeGroupMember(): ChangeResult | undefined {
    const group = this.editableGroup((candidate) => this.store.linkCount(candidate.id, 'members') > 0);
    if (!group) return undefined;
    const memberId = this.random.pick(this.store.linked(group.id, 'members'));
    const member = this.store.find(memberId);
    if (!member || !this.store.unlink('groups', group.id, 'members', memberId)) return undefined;
    return this.result(
      'removeGroupMember',
      'groups',
      group.id,
      this.membershipAudit('Remove member from group', 'Unassign', group, member),
    );
  }

  private membershipAudit(
    activity: string,
    operationType: AuditEntry['operationType'],
    group: Stored<Group>,
    member: DirectoryObject,
  ): AuditEntry {
    const type = this.store.collectionOf(member.id) === 'groups' ? 'Group' : 'User';
    return {
      activity,
      category: 'GroupManagement',
      operationType,
      targets: [
        target(type, member, [
          modified('Group.ObjectID', undefined, group.id),
          modified('Group.DisplayName', undefined, group.displayName),
        ]),
        target('Group', group),
      ],
    };
  }

  private createGroup(): ChangeResult {
    const random = this.random;
    const kind = weighted(random, [
      ['security', 5],
      ['microsoft365', 5],
    ] as const);
    const group = new GroupFactory(random, this.tenant.info).build(
      kind,
      `New ${kind === 'security' ? 'SG' : 'team'} ${random.hex(4)}`,
      this.now(),
    );
    this.store.create('groups', toDirectoryObject(group));
    const owner = this.pick<User>('users', (user) => user.userType === 'Member');
    if (owner) this.store.link('groups', group.id, 'owners', owner.id);
    return this.result('createGroup', 'groups', group.id, {
      activity: 'Add group',
      category: 'GroupManagement',
      operationType: 'Add',
      targets: [target('Group', group, [modified('DisplayName', undefined, group.displayName)])],
    });
  }

  private deleteGroup(): ChangeResult | undefined {
    const group = this.editableGroup((candidate) => !candidate.isAssignableToRole);
    if (!group) return undefined;
    this.store.delete('groups', group.id);
    return this.result('deleteGroup', 'groups', group.id, {
      activity: 'Delete group',
      category: 'GroupManagement',
      operationType: 'Delete',
      targets: [target('Group', group)],
    });
  }

  private policyAudit(
    policy: Stored<ConditionalAccessPolicy>,
    property: string,
    oldValue: unknown,
    newValue: unknown,
  ): AuditEntry {
    return {
      activity: 'Update conditional access policy',
      category: 'Policy',
      operationType: 'Update',
      service: 'Conditional Access',
      targets: [target('Policy', policy, [modified(property, oldValue, newValue)])],
    };
  }

  private changePolicyState(): ChangeResult | undefined {
    const policy = this.pick<ConditionalAccessPolicy>('conditionalAccessPolicies');
    if (!policy) return undefined;
    const state = this.random.pick(POLICY_STATES.filter((candidate) => candidate !== policy.state));
    this.store.update('conditionalAccessPolicies', policy.id, { state, modifiedDateTime: iso(this.now()) });
    return this.result(
      'changePolicyState',
      'conditionalAccessPolicies',
      policy.id,
      this.policyAudit(policy, 'State', policy.state, state),
    );
  }

  /** Excludes one more user: nested objects are replaced, never mutated, so earlier reads stay intact. */
  private changePolicyConditions(): ChangeResult | undefined {
    const policy = this.pick<ConditionalAccessPolicy>('conditionalAccessPolicies');
    const user = this.pick<User>('users');
    const conditions = policy?.conditions;
    if (!policy || !user || !conditions?.users) return undefined;
    const excludeUsers = [...(conditions.users.excludeUsers ?? []), user.id];
    this.store.update('conditionalAccessPolicies', policy.id, {
      conditions: { ...conditions, users: { ...conditions.users, excludeUsers } },
      modifiedDateTime: iso(this.now()),
    });
    return this.result(
      'changePolicyConditions',
      'conditionalAccessPolicies',
      policy.id,
      this.policyAudit(policy, 'Conditions', conditions.users.excludeUsers, excludeUsers),
    );
  }

  private applicationAudit(
    application: Stored<Application>,
    activity: string,
    property: string,
    oldValue: unknown,
    newValue: unknown,
  ): AuditEntry {
    return {
      activity,
      category: 'ApplicationManagement',
      operationType: 'Update',
      targets: [target('Application', application, [modified(property, oldValue, newValue)])],
    };
  }

  private addRedirectUri(): ChangeResult | undefined {
    const application = this.pick<Application>('applications');
    if (!application) return undefined;
    const factory = new ApplicationFactory(this.random, this.tenant.info);
    const before = application.web?.redirectUris ?? [];
    const redirectUris = [
      ...before,
      factory.redirectUri(`https://app-${this.random.hex(6)}.${this.tenant.info.defaultDomain}`),
    ];
    this.store.update('applications', application.id, { web: { ...application.web, redirectUris } });
    return this.result(
      'addRedirectUri',
      'applications',
      application.id,
      this.applicationAudit(application, 'Update application', 'AppAddress', before, redirectUris),
    );
  }

  /**
   * Adds a new client secret and drops expired ones. Live secrets stay, so clients that
   * authenticate with them (the sandbox's own app registrations among them) keep working.
   */
  private rotateCredential(): ChangeResult | undefined {
    const application = this.pick<Application>('applications');
    if (!application) return undefined;
    const now = this.now();
    const secret = new ApplicationFactory(this.random, this.tenant.info).passwordCredential(
      now,
      12,
      `rotated ${iso(now).slice(0, 10)}`,
    );
    const kept = (application.passwordCredentials ?? []).filter(
      (credential) => Date.parse(credential.endDateTime ?? '') > now,
    );
    const passwordCredentials = [...kept, secret];
    this.store.update('applications', application.id, { passwordCredentials });
    return this.result(
      'rotateCredential',
      'applications',
      application.id,
      this.applicationAudit(
        application,
        'Update application – Certificates and secrets management ',
        'KeyDescription',
        (application.passwordCredentials ?? []).map((credential) => credential.keyId),
        passwordCredentials.map((credential) => credential.keyId),
      ),
    );
  }

  private addDevice(): ChangeResult {
    const owner = this.pick<User>('users', (user) => user.userType === 'Member');
    const now = this.now();
    const device = new DeviceFactory(this.random).build(owner, now, now);
    this.store.create('devices', toDirectoryObject(device));
    if (owner) {
      this.store.link('devices', device.id, 'registeredOwners', owner.id);
      this.store.link('devices', device.id, 'registeredUsers', owner.id);
    }
    for (const key of bitlockerKeysFor(this.random, device, now))
      this.store.create('bitlockerRecoveryKeys', toDirectoryObject(key));
    return this.result('addDevice', 'devices', device.id, {
      activity: 'Add device',
      category: 'Device',
      operationType: 'Add',
      service: 'Device Registration Service',
      targets: [target('Device', device, [modified('OperatingSystem', undefined, device.operatingSystem)])],
    });
  }
}

/** Makes `count` realistic changes (with their audit entries) and a few sign-ins. */
export function applyRandomChanges(
  tenant: Tenant,
  count: number,
  random: Random,
  now: () => number,
): ActivitySummary {
  const activity = new TenantActivity(tenant, random, now);
  const summary: ActivitySummary = { changes: [], counts: {}, signIns: 0, audits: 0 };
  for (let i = 0; i < count; i++) {
    // A kind that finds nothing to change (no groups left, say) gives way to another.
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = activity.apply(weighted(random, CHANGE_WEIGHTS));
      if (!result) continue;
      summary.changes.push(result.change);
      summary.counts[result.change.kind] = (summary.counts[result.change.kind] ?? 0) + 1;
      activity.writeAudit(result.audit);
      summary.audits++;
      break;
    }
  }
  for (let i = 0; i < Math.ceil(count / 2); i++) if (activity.writeSignIn()) summary.signIns++;
  return summary;
}

export interface ActivityOptions {
  changesPerMinute: number;
  random: Random;
  /** The sandbox clock, which may run faster than real time. */
  now: () => number;
}

const TICK_MS = 1000;

/** Changes every tenant at a steady rate of the sandbox clock, and keeps its sign-in log growing. */
export function startActivity(tenants: Tenant[], options: ActivityOptions): { stop(): void } {
  const { random, now } = options;
  let last = now();
  const owed = new Map<Tenant, number>();
  const timer = setInterval(() => {
    const current = now();
    // A clock jumped forward by days gets a day's worth of sign-ins and one minute of changes, not a flood.
    const elapsedMs = Math.min(current - last, DAY_MS);
    for (const tenant of tenants) {
      const due =
        (owed.get(tenant) ?? 0) +
        Math.min((options.changesPerMinute * elapsedMs) / 60_000, options.changesPerMinute);
      const changes = Math.floor(due);
      owed.set(tenant, due - changes);
      if (changes > 0) applyRandomChanges(tenant, changes, random, now);
      appendLogs(tenant.store, random, current - elapsedMs, current);
    }
    last = current;
  }, TICK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
