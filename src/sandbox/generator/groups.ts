// Groups of every kind Entra has: security, Microsoft 365, dynamic (membership computed
// from a rule, as Entra would), mail-enabled security, distribution lists and
// role-assignable groups; nested security groups; empty groups; and company-wide groups
// with thousands of members.
import type { Group, User } from '@microsoft/microsoft-graph-types';
import type { Random } from '../random.js';
import type { TenantInfo } from '../tenant.js';
import { iso, sampleOf, weighted, type GenerationContext, type Stored } from './context.js';
import { DEPARTMENTS } from './names.js';
import { Nicknames } from './nicknames.js';
import type { GeneratedUsers } from './users.js';

export type GroupKind =
  'security' | 'microsoft365' | 'dynamic' | 'mailEnabledSecurity' | 'distribution' | 'roleAssignable';

/** The largest groups Entra tenants typically have before they switch to dynamic rules. */
export const LARGEST_GROUP = 5000;

const TOPICS = [
  'Project Phoenix',
  'Quarterly Planning',
  'Office Move 2025',
  'Security Champions',
  'Ventes & Marketing 🇫🇷',
  '営業部 東京',
  'فريق المبيعات',
  'Команда поддержки',
  'Diversity & Inclusion',
  'Book Club 📚',
  'Release Train',
  'Vendor Onboarding',
  'Incident Response',
  'Brand Refresh',
  'Data Platform',
  'Works Council (Betriebsrat)',
];

export class GroupFactory {
  private readonly nicknames = new Nicknames();

  constructor(
    private readonly random: Random,
    private readonly info: TenantInfo,
  ) {}

  build(
    kind: GroupKind,
    displayName: string,
    createdMs: number,
    membershipRule: string | null = null,
  ): Stored<Group> {
    const random = this.random;
    const unified = kind === 'microsoft365';
    const mailEnabled = unified || kind === 'mailEnabledSecurity' || kind === 'distribution';
    const nickname = this.nickname(displayName);
    const mail = mailEnabled ? `${nickname}@${this.info.defaultDomain}` : null;
    return {
      id: random.uuid(),
      displayName,
      description: random.chance(0.7) ? `${displayName} (${kindLabel(kind)})` : null,
      mail,
      mailNickname: nickname,
      mailEnabled,
      securityEnabled: kind !== 'distribution' && (kind !== 'microsoft365' || random.chance(0.2)),
      groupTypes: unified ? ['Unified'] : kind === 'dynamic' ? ['DynamicMembership'] : [],
      membershipRule,
      membershipRuleProcessingState: membershipRule ? 'On' : null,
      isAssignableToRole: kind === 'roleAssignable' ? true : null,
      visibility: unified
        ? weighted(random, [
            ['Public', 5],
            ['Private', 4],
            ['HiddenMembership', 1],
          ] as const)
        : null,
      classification: null,
      createdDateTime: iso(createdMs),
      renewedDateTime: iso(createdMs),
      expirationDateTime: null,
      onPremisesSyncEnabled: kind === 'security' && random.chance(0.2) ? true : null,
      onPremisesLastSyncDateTime: null,
      onPremisesSecurityIdentifier: null,
      onPremisesSamAccountName: null,
      preferredDataLocation: null,
      preferredLanguage: null,
      proxyAddresses: mail ? [`SMTP:${mail}`] : [],
      securityIdentifier: `S-1-12-1-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}-${random.int(1e9, 4e9)}`,
      theme: null,
      serviceProvisioningErrors: [],
    };
  }

  private nickname(displayName: string): string {
    const ascii = displayName
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40);
    const base = ascii || `group-${this.random.hex(6)}`;
    return this.nicknames.claim(base);
  }
}

function kindLabel(kind: GroupKind): string {
  return {
    security: 'security group',
    microsoft365: 'Microsoft 365 group',
    dynamic: 'dynamic group',
    mailEnabledSecurity: 'mail-enabled security group',
    distribution: 'distribution list',
    roleAssignable: 'role-assignable group',
  }[kind];
}

export interface GeneratedGroups {
  all: Stored<Group>[];
  /** Groups that can hold directory roles (isAssignableToRole). */
  roleAssignable: Stored<Group>[];
  /** Security groups, the usual targets of policies and Intune assignments. */
  security: Stored<Group>[];
}

export function generateGroups(
  context: GenerationContext,
  users: GeneratedUsers,
  count: number,
): GeneratedGroups {
  const { random } = context;
  const factory = new GroupFactory(random, context.tenant.info);
  const groups: GeneratedGroups = { all: [], roleAssignable: [], security: [] };
  const everyone = [...users.members, ...users.guests];
  const staffOf = (department: string) => users.byDepartment.get(department) ?? [];

  const add = (
    kind: GroupKind,
    name: string,
    members: readonly { id: string }[],
    rule: string | null = null,
  ) => {
    const group = factory.build(kind, name, context.pastMs(4 * 365, 1), rule);
    context.seed('groups', group);
    context.seedLinks(group.id, 'members', idsOf(members));
    groups.all.push(group);
    if (kind === 'roleAssignable') groups.roleAssignable.push(group);
    if (kind === 'security' || kind === 'roleAssignable') groups.security.push(group);
    addOwners(context, group, kind, users);
    return group;
  };

  add('microsoft365', 'All Company', everyone.slice(0, LARGEST_GROUP));
  for (const department of DEPARTMENTS)
    add('security', `SG-${department}`, sampleOf(random, staffOf(department), LARGEST_GROUP));
  for (const department of ['Sales', 'Engineering', 'IT'] as const) {
    const rule = `(user.department -eq "${department}") and (user.accountEnabled -eq true)`;
    const members = staffOf(department).filter((user) => user.accountEnabled);
    add('dynamic', `Dynamic - ${department} (enabled accounts)`, members.slice(0, LARGEST_GROUP), rule);
  }
  add('dynamic', 'Dynamic - All guests', users.guests.slice(0, LARGEST_GROUP), '(user.userType -eq "Guest")');
  const admins = staffOf('IT');
  for (const name of ['Tier 0 Administrators', 'Helpdesk Operators', 'Application Owners (PIM)']) {
    add('roleAssignable', name, sampleOf(random, admins, random.int(1, 6)));
  }

  const nestable: Stored<Group>[] = [...groups.security];
  // A few large groups besides the company-wide ones: one per 200 groups, at most ten.
  const largeUntil = groups.all.length + Math.min(10, Math.ceil(count / 200));
  for (let i = groups.all.length; i < count; i++) {
    const kind = weighted(random, [
      ['security', 40],
      ['microsoft365', 35],
      ['mailEnabledSecurity', 8],
      ['distribution', 7],
    ] as const);
    const name = groupName(random, i);
    const group = add(
      kind,
      name,
      sampleOf(random, everyone, memberCount(random, everyone.length, i < largeUntil)),
    );
    if (kind !== 'microsoft365' && nestable.length > 0 && random.chance(0.15)) {
      // Only earlier groups are nested, so membership never loops.
      context.seedLinks(group.id, 'members', idsOf(sampleOf(random, nestable, random.int(1, 3))));
    }
    if (kind === 'security' || kind === 'mailEnabledSecurity') nestable.push(group);
  }
  return groups;
}

function idsOf(objects: readonly { id: string }[]): string[] {
  return objects.map((object) => object.id);
}

/** Mostly small groups, some empty; large ones have thousands of members. */
function memberCount(random: Random, population: number, large: boolean): number {
  if (large) return Math.min(population, random.int(1000, LARGEST_GROUP));
  if (random.chance(0.05)) return 0;
  return Math.min(population, Math.floor(Math.exp(random.next() * 5)));
}

function groupName(random: Random, index: number): string {
  const topic = random.pick(TOPICS);
  return weighted(random, [
    [`${topic}`, 3],
    [`${random.pick(DEPARTMENTS)} - ${topic}`, 3],
    [`Team ${index} - ${topic}`, 3],
    [
      `${topic} - ${'Steering committee and extended working group for cross-functional delivery '.repeat(4)}`.slice(
        0,
        250,
      ),
      0.1,
    ],
  ] as const);
}

/** Microsoft 365 groups always have an owner; security groups often have none. */
function addOwners(
  context: GenerationContext,
  group: Stored<Group>,
  kind: GroupKind,
  users: GeneratedUsers,
): void {
  const { random } = context;
  const wanted = kind === 'microsoft365' ? random.int(1, 3) : random.chance(0.6) ? 1 : 0;
  const owners: Stored<User>[] = sampleOf(random, users.members, wanted);
  context.seedLinks(group.id, 'owners', idsOf(owners));
}
