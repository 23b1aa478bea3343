// Conditional Access: named locations (IPv4 and IPv6 ranges, countries) and policies in
// all three states whose conditions reference real users, groups, roles, applications
// and locations of the tenant - the references a restore has to re-map.
import type {
  ConditionalAccessExternalTenants,
  ConditionalAccessGrantControls,
  ConditionalAccessGuestOrExternalUserTypes,
  ConditionalAccessPolicy,
  ConditionalAccessSessionControls,
  CountryNamedLocation,
  IpNamedLocation,
} from '@microsoft/microsoft-graph-types';
import { GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR } from '../directory/roles.js';
import { iso, sampleOf, weighted, type GenerationContext, type Stored } from './context.js';
import {
  CONDITIONAL_ACCESS_ADMINISTRATOR,
  HELPDESK_ADMINISTRATOR,
  SECURITY_ADMINISTRATOR,
  USER_ADMINISTRATOR,
} from './roles.js';

export const POLICY_STATES = ['enabled', 'disabled', 'enabledForReportingButNotEnforced'] as const;

/** Azure management (portal, CLI, PowerShell), a common Conditional Access target. */
const AZURE_MANAGEMENT_APP_ID = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
const ADMIN_ROLES = [
  GLOBAL_ADMINISTRATOR,
  PRIVILEGED_ROLE_ADMINISTRATOR,
  USER_ADMINISTRATOR,
  SECURITY_ADMINISTRATOR,
  CONDITIONAL_ACCESS_ADMINISTRATOR,
  HELPDESK_ADMINISTRATOR,
];

type IpRange = { '@odata.type': string; cidrAddress: string };

export function generateNamedLocations(context: GenerationContext): string[] {
  const { random } = context;
  const ipv4 = (cidrAddress: string): IpRange => ({
    '@odata.type': '#microsoft.graph.iPv4CidrRange',
    cidrAddress,
  });
  const ipv6 = (cidrAddress: string): IpRange => ({
    '@odata.type': '#microsoft.graph.iPv6CidrRange',
    cidrAddress,
  });
  const ipLocations: [string, boolean, IpRange[]][] = [
    ['Headquarters', true, [ipv4(`203.0.113.0/24`), ipv4(`198.51.100.${random.int(0, 15) * 16}/28`)]],
    ['Branch offices', true, [ipv4('192.0.2.0/26'), ipv4('192.0.2.128/25'), ipv6('2001:db8:1234::/48')]],
    ['VPN egress', true, [ipv4(`100.64.${random.int(0, 255)}.0/24`)]],
    ['Guest Wi-Fi', false, [ipv4('172.16.200.0/22')]],
    ['Datacenter - Zürich (IPv6 only)', true, [ipv6('2001:db8:abcd::/48'), ipv6('2001:db8:ef01::/56')]],
  ];
  const ids: string[] = [];
  for (const [displayName, isTrusted, ipRanges] of ipLocations) {
    const created = context.pastMs(900, 30);
    const location: Stored<IpNamedLocation> = {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      id: random.uuid(),
      displayName,
      createdDateTime: iso(created),
      modifiedDateTime: iso(created + random.int(0, 20) * 86400_000),
      isTrusted,
      ipRanges,
    };
    context.seed('namedLocations', location);
    ids.push(location.id);
  }
  const countryLocations: [string, string[], boolean, string][] = [
    ['Blocked countries', ['KP', 'IR', 'SY', 'CU'], true, 'clientIpAddress'],
    ['Allowed travel countries', ['FR', 'DE', 'GB', 'US', 'CA', 'JP'], false, 'clientIpAddress'],
    ['Pays autorisés (GPS)', ['FR', 'BE', 'CH', 'LU'], false, 'authenticatorAppGps'],
  ];
  for (const [
    displayName,
    countriesAndRegions,
    includeUnknownCountriesAndRegions,
    countryLookupMethod,
  ] of countryLocations) {
    const created = context.pastMs(900, 30);
    const location: Stored<CountryNamedLocation> = {
      '@odata.type': '#microsoft.graph.countryNamedLocation',
      id: random.uuid(),
      displayName,
      createdDateTime: iso(created),
      modifiedDateTime: iso(created),
      countriesAndRegions,
      includeUnknownCountriesAndRegions,
      countryLookupMethod: countryLookupMethod as CountryNamedLocation['countryLookupMethod'],
    };
    context.seed('namedLocations', location);
    ids.push(location.id);
  }
  return ids;
}

export interface PolicyTargets {
  /** Accounts kept out of every policy so admins can never lock themselves out. */
  breakGlassUserIds: string[];
  userIds: string[];
  groupIds: string[];
  appIds: string[];
  namedLocationIds: string[];
}

interface PolicyTemplate {
  name: string;
  build: (context: GenerationContext, targets: PolicyTargets) => Partial<ConditionalAccessPolicy>;
}

const grant = (operator: 'OR' | 'AND', builtInControls: string[]): ConditionalAccessGrantControls => ({
  operator,
  builtInControls: builtInControls as ConditionalAccessGrantControls['builtInControls'],
  customAuthenticationFactors: [],
  termsOfUse: [],
  authenticationStrength: null,
});

const TEMPLATES: readonly PolicyTemplate[] = [
  { name: 'Require MFA for administrators', build: () => ({ grantControls: grant('OR', ['mfa']) }) },
  {
    name: 'Block legacy authentication',
    build: () => ({ grantControls: grant('OR', ['block']) }),
  },
  {
    name: 'Require compliant or hybrid joined device',
    build: () => ({ grantControls: grant('OR', ['compliantDevice', 'domainJoinedDevice']) }),
  },
  { name: 'Block access from blocked countries', build: () => ({ grantControls: grant('OR', ['block']) }) },
  { name: 'Require MFA for Azure management', build: () => ({ grantControls: grant('OR', ['mfa']) }) },
  { name: 'Sign-in risk: require MFA', build: () => ({ grantControls: grant('AND', ['mfa']) }) },
  {
    name: 'User risk: require password change',
    build: () => ({ grantControls: grant('AND', ['mfa', 'passwordChange']) }),
  },
  {
    name: 'Session: sign-in frequency for unmanaged devices',
    build: () => ({ grantControls: null, sessionControls: signInFrequency(8, 'hours') }),
  },
  { name: 'Guests: require MFA', build: () => ({ grantControls: grant('OR', ['mfa']) }) },
  {
    name: 'Mobile: require approved client app',
    build: () => ({ grantControls: grant('OR', ['approvedApplication', 'compliantApplication']) }),
  },
  {
    name: 'Exchange ActiveSync - block',
    build: () => ({ grantControls: grant('OR', ['block']) }),
  },
  {
    name: 'Persistent browser off for shared devices',
    build: () => ({
      grantControls: null,
      sessionControls: {
        ...signInFrequency(1, 'days'),
        persistentBrowser: { mode: 'never', isEnabled: true },
      },
    }),
  },
];

function signInFrequency(value: number, type: 'hours' | 'days'): ConditionalAccessSessionControls {
  return {
    applicationEnforcedRestrictions: null,
    cloudAppSecurity: null,
    disableResilienceDefaults: null,
    persistentBrowser: null,
    signInFrequency: {
      value,
      type,
      isEnabled: true,
      authenticationType: 'primaryAndSecondaryAuthentication',
      frequencyInterval: 'timeBased',
    },
  };
}

export function generateConditionalAccessPolicies(
  context: GenerationContext,
  targets: PolicyTargets,
  count: number,
): string[] {
  const { random } = context;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const template = TEMPLATES[i % TEMPLATES.length] as PolicyTemplate;
    const round = Math.floor(i / TEMPLATES.length);
    const created = context.pastMs(700, 2);
    // The first three cover every state; the rest lean towards what tenants really run.
    const state =
      i < POLICY_STATES.length
        ? POLICY_STATES[i]
        : weighted(random, [
            ['enabled', 5],
            ['disabled', 2],
            ['enabledForReportingButNotEnforced', 3],
          ] as const);
    const policy: Stored<ConditionalAccessPolicy> = {
      id: random.uuid(),
      templateId: null,
      displayName: `CA${String(i + 1).padStart(3, '0')} - ${template.name}${round > 0 ? ` (pilot ${round})` : ''}`,
      createdDateTime: iso(created),
      // Policies never edited since creation have no modification time.
      modifiedDateTime: random.chance(0.3) ? null : iso(created + random.int(1, 60) * 86400_000),
      state: state as ConditionalAccessPolicy['state'],
      conditions: policyConditions(context, template.name, targets),
      grantControls: null,
      sessionControls: null,
      ...template.build(context, targets),
    };
    context.seed('conditionalAccessPolicies', policy);
    ids.push(policy.id);
  }
  return ids;
}

function policyConditions(
  context: GenerationContext,
  name: string,
  targets: PolicyTargets,
): ConditionalAccessPolicy['conditions'] {
  const { random } = context;
  const forAdmins = name.includes('administrators') || name.includes('Azure management');
  const forGuests = name.startsWith('Guests');
  const pilot = random.chance(0.3);
  return {
    applications: {
      includeApplications: name.includes('Azure management')
        ? [AZURE_MANAGEMENT_APP_ID]
        : random.chance(0.2)
          ? sampleOf(random, targets.appIds, random.int(1, 3))
          : random.chance(0.2)
            ? ['Office365']
            : ['All'],
      excludeApplications: random.chance(0.2) ? sampleOf(random, targets.appIds, 1) : [],
      includeUserActions: [],
      includeAuthenticationContextClassReferences: [],
      applicationFilter: null,
    },
    users: {
      includeUsers:
        forAdmins || forGuests ? [] : pilot ? sampleOf(random, targets.userIds, random.int(1, 10)) : ['All'],
      excludeUsers: [
        ...targets.breakGlassUserIds,
        ...(random.chance(0.3) ? sampleOf(random, targets.userIds, 2) : []),
      ],
      includeGroups: pilot && !forAdmins ? sampleOf(random, targets.groupIds, random.int(1, 3)) : [],
      excludeGroups: random.chance(0.4) ? sampleOf(random, targets.groupIds, random.int(1, 2)) : [],
      includeRoles: forAdmins ? ADMIN_ROLES : [],
      excludeRoles: [],
      includeGuestsOrExternalUsers: forGuests
        ? {
            // A flags enum: Graph sends several members comma-separated in one string.
            guestOrExternalUserTypes:
              'internalGuest,b2bCollaborationGuest,b2bCollaborationMember' as ConditionalAccessGuestOrExternalUserTypes,
            externalTenants: {
              '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants',
              membershipKind: 'all',
            } as ConditionalAccessExternalTenants,
          }
        : null,
      excludeGuestsOrExternalUsers: null,
    },
    clientAppTypes: name.includes('legacy')
      ? ['exchangeActiveSync', 'other']
      : name.includes('ActiveSync')
        ? ['exchangeActiveSync']
        : ['all'],
    platforms: name.startsWith('Mobile')
      ? { includePlatforms: ['android', 'iOS'], excludePlatforms: [] }
      : random.chance(0.15)
        ? { includePlatforms: ['all'], excludePlatforms: ['linux'] }
        : null,
    locations: name.includes('countries')
      ? { includeLocations: sampleOf(random, targets.namedLocationIds, 1), excludeLocations: [] }
      : random.chance(0.3)
        ? {
            includeLocations: ['All'],
            excludeLocations: ['AllTrusted', ...sampleOf(random, targets.namedLocationIds, 1)],
          }
        : null,
    devices: name.includes('unmanaged')
      ? {
          deviceFilter: {
            mode: 'exclude',
            rule: 'device.isCompliant -eq True -or device.trustType -eq "ServerAD"',
          },
        }
      : null,
    userRiskLevels: name.startsWith('User risk') ? ['high'] : [],
    signInRiskLevels: name.startsWith('Sign-in risk') ? ['high', 'medium'] : [],
    servicePrincipalRiskLevels: [],
    clientApplications: null,
  };
}
