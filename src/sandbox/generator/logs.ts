// Sign-in and directory audit logs: thirty days of history proportional to the tenant's
// size, and more entries as the sandbox clock moves on. Shared sub-objects (locations,
// device details, statuses, applied policies) come from small pools so that 100,000
// log entries stay cheap in memory; the store never mutates nested values.
import type {
  AppliedConditionalAccessPolicy,
  DeviceDetail,
  DirectoryAudit,
  ModifiedProperty,
  SignIn,
  SignInLocation,
  SignInStatus,
  TargetResource,
} from '@microsoft/microsoft-graph-types';
import type { DirectoryStore } from '../directory/store.js';
import type { Random } from '../random.js';
import {
  DAY_MS,
  iso,
  shared,
  toDirectoryObject,
  weighted,
  type GenerationContext,
  type Stored,
} from './context.js';
import { PLACES } from './names.js';

/** Entra keeps 30 days of logs on P1/P2; the backup is the long-term copy. */
export const LOG_HISTORY_DAYS = 30;
/** Interactive and non-interactive sign-ins per user over the history window. */
const SIGN_INS_PER_USER = 3;
const AUDITS_PER_USER = 0.5;
const MAX_HISTORICAL_SIGN_INS = 60_000;
const MAX_HISTORICAL_AUDITS = 20_000;

export interface LogUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
}

export interface LogApp {
  appId?: string | null;
  displayName?: string | null;
}

export interface LogPolicy {
  id: string;
  displayName?: string | null;
  state?: string | null;
}

/** Where log entries find the people, apps and policies they mention. */
export interface LogSubjects {
  user(): LogUser | undefined;
  app(): LogApp | undefined;
  policies: readonly LogPolicy[];
}

const LOCATIONS: readonly SignInLocation[] = shared(
  PLACES.map((place) => ({
    city: place.city,
    state: place.state,
    countryOrRegion: place.countryCode,
    geoCoordinates: { altitude: null, latitude: place.latitude, longitude: place.longitude },
  })),
);

const DEVICE_DETAILS: readonly DeviceDetail[] = shared(
  [
    ['Windows10', 'Edge 126.0.0'],
    ['Windows10', 'Chrome 127.0.0'],
    ['MacOs', 'Safari 17.5'],
    ['Ios', 'Mobile Safari 17.5'],
    ['Android', 'Chrome Mobile 126.0.6478'],
    ['Windows10', 'Rich Client 16.0.17726'],
    ['Ios', 'MSAL.iOS 1.4.0'],
    ['Linux', 'Firefox 128.0'],
  ].map(([operatingSystem, browser]) => ({
    deviceId: '',
    displayName: '',
    operatingSystem,
    browser,
    isCompliant: false,
    isManaged: false,
    trustType: '',
  })),
);

const SUCCESS: SignInStatus = shared({ errorCode: 0, failureReason: 'Other.', additionalDetails: null });
const FAILURES: readonly (readonly [SignInStatus, number])[] = shared([
  [
    {
      errorCode: 50126,
      failureReason: 'Error validating credentials due to invalid username or password.',
      additionalDetails:
        "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes.",
    },
    5,
  ],
  [
    {
      errorCode: 50074,
      failureReason: 'Strong Authentication is required.',
      additionalDetails: 'The user is required to complete MFA.',
    },
    4,
  ],
  [
    {
      errorCode: 53003,
      failureReason:
        'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
      additionalDetails: null,
    },
    2,
  ],
  [
    {
      errorCode: 50053,
      failureReason:
        "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.",
      additionalDetails: null,
    },
    1,
  ],
  [{ errorCode: 50057, failureReason: 'The user account is disabled.', additionalDetails: null }, 1],
  [
    {
      errorCode: 500121,
      failureReason: 'Authentication failed during strong authentication request.',
      additionalDetails: "The user didn't complete the MFA prompt.",
    },
    2,
  ],
]);

const CLIENT_APPS = [
  ['Browser', 60],
  ['Mobile Apps and Desktop clients', 35],
  ['Exchange ActiveSync', 2],
  ['IMAP4', 1],
  ['Other clients', 2],
] as const;

/** Applied-policy lists are shared between entries with the same outcome. */
class AppliedPolicyPool {
  private readonly lists: AppliedConditionalAccessPolicy[][];

  constructor(random: Random, policies: readonly LogPolicy[]) {
    this.lists = [];
    for (let variant = 0; variant < 8; variant++) {
      this.lists.push(
        shared(
          policies.slice(0, 12).map((policy) => ({
            id: policy.id,
            displayName: policy.displayName,
            enforcedGrantControls: policy.state === 'enabled' ? ['Mfa'] : [],
            enforcedSessionControls: [],
            result:
              policy.state === 'disabled'
                ? 'notEnabled'
                : policy.state === 'enabledForReportingButNotEnforced'
                  ? random.pick([
                      'reportOnlySuccess',
                      'reportOnlyNotApplied',
                      'reportOnlyInterrupted',
                    ] as const)
                  : random.pick(['success', 'notApplied'] as const),
          })),
        ),
      );
    }
  }

  pick(random: Random, blocked: boolean): AppliedConditionalAccessPolicy[] {
    const list = random.pick(this.lists);
    if (!blocked || list.length === 0) return list;
    return list.map((applied, index) =>
      index === 0 ? { ...applied, result: 'failure', enforcedGrantControls: ['Block'] } : applied,
    );
  }
}

export class LogWriter {
  private readonly applied: AppliedPolicyPool;

  constructor(
    private readonly random: Random,
    private readonly subjects: LogSubjects,
  ) {
    this.applied = new AppliedPolicyPool(random, subjects.policies);
  }

  signIn(atMs: number): Stored<SignIn> | undefined {
    const random = this.random;
    const user = this.subjects.user();
    const app = this.subjects.app();
    if (!user || !app) return undefined;
    const failed = random.chance(0.12);
    const status = failed ? weighted(random, FAILURES) : SUCCESS;
    const blocked = status.errorCode === 53003;
    const risk = random.chance(0.02) ? random.pick(['low', 'medium', 'high'] as const) : 'none';
    return {
      id: random.uuid(),
      createdDateTime: iso(atMs),
      userDisplayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      userId: user.id,
      appId: app.appId,
      appDisplayName: app.displayName,
      ipAddress: random.chance(0.15)
        ? `2001:db8:${random.hex(4)}::${random.hex(4)}`
        : `${random.int(1, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
      clientAppUsed: weighted(random, CLIENT_APPS),
      correlationId: random.uuid(),
      conditionalAccessStatus: blocked
        ? 'failure'
        : failed
          ? 'notApplied'
          : random.pick(['success', 'notApplied'] as const),
      isInteractive: random.chance(0.7),
      riskDetail: 'none',
      riskLevelAggregated: risk,
      riskLevelDuringSignIn: risk,
      riskState: risk === 'none' ? 'none' : 'atRisk',
      riskEventTypes_v2:
        risk === 'none'
          ? []
          : [random.pick(['unfamiliarFeatures', 'anonymizedIPAddress', 'impossibleTravel'])],
      resourceDisplayName: 'Microsoft Graph',
      resourceId: '00000003-0000-0000-c000-000000000000',
      status,
      deviceDetail: random.pick(DEVICE_DETAILS),
      location: random.pick(LOCATIONS),
      appliedConditionalAccessPolicies: this.applied.pick(random, blocked),
    };
  }

  audit(atMs: number, entry: AuditEntry): Stored<DirectoryAudit> {
    const random = this.random;
    const actor = entry.initiatedByApp ? undefined : this.subjects.user();
    return {
      id: `Directory_${random.uuid()}_${random.hex(5).toUpperCase()}_${random.int(10000000, 99999999)}`,
      category: entry.category,
      correlationId: random.uuid(),
      result: entry.result ?? 'success',
      resultReason:
        entry.result === 'failure' ? 'Microsoft.Online.Workflows.ObjectAlreadyExistsException' : '',
      activityDisplayName: entry.activity,
      activityDateTime: iso(atMs),
      loggedByService: entry.service ?? 'Core Directory',
      operationType: entry.operationType,
      initiatedBy: actor
        ? {
            user: {
              id: actor.id,
              displayName: null,
              userPrincipalName: actor.userPrincipalName,
              ipAddress: '',
            },
            app: null,
          }
        : {
            user: null,
            app: {
              appId: entry.initiatedByApp?.appId ?? null,
              displayName: entry.initiatedByApp?.displayName ?? null,
              servicePrincipalId: null,
              servicePrincipalName: null,
            },
          },
      targetResources: entry.targets,
      additionalDetails: [
        {
          key: 'User-Agent',
          value: random.pick([
            'Microsoft Azure Graph Client Library 1.0',
            'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
            'Microsoft Graph PowerShell',
          ] as const),
        },
      ],
    };
  }
}

export interface AuditEntry {
  activity: string;
  category: string;
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign';
  service?: string;
  result?: 'success' | 'failure';
  initiatedByApp?: LogApp;
  targets: TargetResource[];
}

/** A modified property as audit logs record it: old and new values as JSON text. */
export function modified(displayName: string, oldValue: unknown, newValue: unknown): ModifiedProperty {
  const encode = (value: unknown) => (value === undefined ? '[]' : JSON.stringify([value]));
  return { displayName, oldValue: encode(oldValue), newValue: encode(newValue) };
}

export function target(
  type: string,
  object: { id: string; displayName?: unknown; userPrincipalName?: unknown },
  changes: ModifiedProperty[] = [],
): TargetResource {
  return {
    id: object.id,
    displayName: typeof object.displayName === 'string' ? object.displayName : null,
    type,
    userPrincipalName: typeof object.userPrincipalName === 'string' ? object.userPrincipalName : null,
    modifiedProperties: changes,
    groupType: null,
  };
}

/** Routine entries that admins, users and sync tools leave, before and after generation. */
const BACKGROUND_AUDITS: readonly ((user: LogUser, random: Random) => AuditEntry)[] = [
  (user, random) => ({
    activity: 'Update user',
    category: 'UserManagement',
    operationType: 'Update',
    targets: [
      target('User', user, [modified('JobTitle', 'Analyst', random.pick(['Senior Analyst', 'Team Lead']))]),
    ],
  }),
  (user) => ({
    activity: 'Reset user password',
    category: 'UserManagement',
    operationType: 'Update',
    targets: [target('User', user)],
  }),
  (user) => ({
    activity: 'Change user license',
    category: 'UserManagement',
    operationType: 'Update',
    targets: [target('User', user, [modified('AssignedLicense', '', '[SkuName=SPE_E3, AccountId=…]')])],
  }),
  (user) => ({
    activity: 'Add member to group',
    category: 'GroupManagement',
    operationType: 'Assign',
    targets: [target('User', user)],
  }),
  (user) => ({
    activity: 'Update user',
    category: 'UserManagement',
    operationType: 'Update',
    initiatedByApp: { appId: null, displayName: 'Microsoft Entra Connect' },
    targets: [
      target('User', user, [modified('LastDirSyncTime', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z')]),
    ],
  }),
  (user) => ({
    activity: 'User registered security info',
    category: 'UserManagement',
    operationType: 'Add',
    service: 'Authentication Methods',
    targets: [target('User', user)],
  }),
];

export function generateHistoricalLogs(
  context: GenerationContext,
  subjects: LogSubjects,
  userCount: number,
): void {
  const { random } = context;
  const writer = new LogWriter(random, subjects);
  const signIns = Math.min(MAX_HISTORICAL_SIGN_INS, userCount * SIGN_INS_PER_USER);
  for (let i = 0; i < signIns; i++) {
    const entry = writer.signIn(context.pastMs(LOG_HISTORY_DAYS));
    if (entry) context.seed('signIns', entry);
  }
  const audits = Math.min(MAX_HISTORICAL_AUDITS, Math.max(20, Math.round(userCount * AUDITS_PER_USER)));
  for (let i = 0; i < audits; i++) {
    const user = subjects.user();
    if (!user) break;
    context.seed(
      'directoryAudits',
      writer.audit(context.pastMs(LOG_HISTORY_DAYS), random.pick(BACKGROUND_AUDITS)(user, random)),
    );
  }
}

/** Subjects read from a live store, for logs written after generation. */
export function storeSubjects(store: DirectoryStore, random: Random): LogSubjects {
  return {
    user: () => randomObject(store, 'users', random) as LogUser | undefined,
    app: () => randomObject(store, 'servicePrincipals', random) as LogApp | undefined,
    policies: [...store.collection('conditionalAccessPolicies').from()] as LogPolicy[],
  };
}

/** A uniformly placed random object: the first id after a random GUID, without a full scan. */
export function randomObject(store: DirectoryStore, collection: string, random: Random) {
  const objects = store.collection(collection);
  return objects.from(random.uuid()).next().value ?? objects.from().next().value;
}

/** How many of something happening `perUser` times per user over the history window fall between two moments. */
function dueBetween(random: Random, users: number, perUser: number, fromMs: number, toMs: number): number {
  const expected = (users * perUser * Math.max(0, toMs - fromMs)) / (LOG_HISTORY_DAYS * DAY_MS);
  return Math.floor(expected) + (random.chance(expected % 1) ? 1 : 0);
}

/**
 * The sign-ins and background audit entries (sync, self-service) a tenant produces
 * between two moments of the sandbox clock, at the same rates as its history.
 */
export function appendLogs(
  store: DirectoryStore,
  random: Random,
  fromMs: number,
  toMs: number,
): { signIns: number; audits: number } {
  const users = store.collection('users').size;
  const signIns = dueBetween(random, users, SIGN_INS_PER_USER, fromMs, toMs);
  const audits = dueBetween(random, users, AUDITS_PER_USER, fromMs, toMs);
  const written = { signIns: 0, audits: 0 };
  if (signIns + audits === 0) return written;
  const subjects = storeSubjects(store, random);
  const writer = new LogWriter(random, subjects);
  const at = () => fromMs + Math.floor(random.next() * (toMs - fromMs));
  for (let i = 0; i < signIns; i++) {
    const entry = writer.signIn(at());
    if (!entry) continue;
    store.create('signIns', toDirectoryObject(entry));
    written.signIns++;
  }
  for (let i = 0; i < audits; i++) {
    const user = subjects.user();
    if (!user) break;
    store.create(
      'directoryAudits',
      toDirectoryObject(writer.audit(at(), random.pick(BACKGROUND_AUDITS)(user, random))),
    );
    written.audits++;
  }
  return written;
}
