// Intune device configuration profiles and compliance policies of several @odata.types,
// each with its type-specific settings, inline assignments (include and exclude groups,
// all users, all devices) and, for compliance, the scheduled actions Graph requires.
import type {
  AndroidCompliancePolicy,
  AndroidGeneralDeviceConfiguration,
  DeviceComplianceActionType,
  DeviceCompliancePolicy,
  DeviceCompliancePolicyAssignment,
  DeviceConfiguration,
  DeviceConfigurationAssignment,
  IosCompliancePolicy,
  IosGeneralDeviceConfiguration,
  MacOSCompliancePolicy,
  MacOSGeneralDeviceConfiguration,
  OmaSettingInteger,
  OmaSettingString,
  Windows10CompliancePolicy,
  Windows10CustomConfiguration,
  Windows10EndpointProtectionConfiguration,
  Windows10GeneralConfiguration,
} from '@microsoft/microsoft-graph-types';
import type { Random } from '../random.js';
import { iso, sampleOf, type GenerationContext, type Stored, type Typed } from './context.js';

type Assignment = DeviceConfigurationAssignment & DeviceCompliancePolicyAssignment;

/** Builds the type-specific part of a profile; the common part is added around it. */
type SettingsBuilder<T> = (random: Random) => Omit<Stored<T>, 'id'>;

const CONFIGURATIONS: readonly [string, SettingsBuilder<DeviceConfiguration>][] = [
  [
    'Windows - Baseline restrictions',
    (random) =>
      ({
        '@odata.type': '#microsoft.graph.windows10GeneralConfiguration',
        passwordRequired: true,
        passwordMinimumLength: random.pick([8, 12, 14]),
        passwordRequiredType: 'alphanumeric',
        passwordMinutesOfInactivityBeforeScreenTimeout: 15,
        cameraBlocked: random.chance(0.2),
        bluetoothBlocked: false,
        storageBlockRemovableStorage: random.chance(0.4),
        defenderRequireRealTimeMonitoring: true,
        defenderScanType: 'quick',
        defenderScheduledScanTime: '02:00:00.0000000',
        edgeBlockPopups: true,
        smartScreenEnableAppInstallControl: true,
      }) satisfies Omit<Stored<Windows10GeneralConfiguration>, 'id'>,
  ],
  [
    'Windows - Endpoint protection (BitLocker, firewall)',
    (random) =>
      ({
        '@odata.type': '#microsoft.graph.windows10EndpointProtectionConfiguration',
        bitLockerEncryptDevice: true,
        bitLockerDisableWarningForOtherDiskEncryption: true,
        bitLockerEnableStorageCardEncryptionOnMobile: false,
        firewallBlockStatefulFTP: true,
        firewallProfileDomain: { firewallEnabled: 'allowed', inboundConnectionsBlocked: true },
        firewallProfilePublic: {
          firewallEnabled: 'allowed',
          inboundConnectionsBlocked: true,
          stealthModeBlocked: false,
        },
        defenderAttackSurfaceReductionExcludedPaths: random.chance(0.5)
          ? ['C:\\Program Files\\LegacyApp\\*']
          : [],
        applicationGuardEnabled: random.chance(0.3),
        smartScreenBlockOverrideForFiles: true,
      }) satisfies Omit<Stored<Windows10EndpointProtectionConfiguration>, 'id'>,
  ],
  [
    'Windows - Custom OMA-URI settings',
    (random) => {
      const omaSettings = [
        {
          '@odata.type': '#microsoft.graph.omaSettingInteger',
          displayName: 'Disable consumer features',
          description: null,
          omaUri: './Device/Vendor/MSFT/Policy/Config/Experience/AllowWindowsConsumerFeatures',
          value: 0,
        } satisfies Typed<OmaSettingInteger>,
        {
          '@odata.type': '#microsoft.graph.omaSettingString',
          displayName: 'Proxy server',
          description: 'Corporate proxy',
          omaUri: './Vendor/MSFT/Policy/Config/NetworkProxy/ProxyServer',
          value: `proxy.corp.local:${random.pick([8080, 3128])}`,
        } satisfies Typed<OmaSettingString>,
      ];
      return {
        '@odata.type': '#microsoft.graph.windows10CustomConfiguration',
        omaSettings,
      } satisfies Omit<Stored<Windows10CustomConfiguration>, 'id'>;
    },
  ],
  [
    'iOS - Device restrictions',
    (random) =>
      ({
        '@odata.type': '#microsoft.graph.iosGeneralDeviceConfiguration',
        passcodeRequired: true,
        passcodeMinimumLength: random.pick([6, 8]),
        passcodeBlockSimple: true,
        passcodeMinutesOfInactivityBeforeLock: 5,
        cameraBlocked: false,
        iCloudBlockBackup: random.chance(0.5),
        appStoreBlocked: false,
        airDropBlocked: random.chance(0.3),
        safariBlockAutofill: true,
      }) satisfies Omit<Stored<IosGeneralDeviceConfiguration>, 'id'>,
  ],
  [
    'macOS - Device restrictions',
    (random) =>
      ({
        '@odata.type': '#microsoft.graph.macOSGeneralDeviceConfiguration',
        passwordRequired: true,
        passwordMinimumLength: random.pick([8, 12]),
        passwordRequiredType: 'alphanumeric',
        passwordMinutesOfInactivityBeforeLock: 10,
        passwordBlockSimple: true,
        compliantAppListType: 'none',
        emailInDomainSuffixes: [],
      }) satisfies Omit<Stored<MacOSGeneralDeviceConfiguration>, 'id'>,
  ],
  [
    'Android - Device restrictions',
    (random) =>
      ({
        '@odata.type': '#microsoft.graph.androidGeneralDeviceConfiguration',
        passwordRequired: true,
        passwordMinimumLength: random.pick([6, 8]),
        passwordRequiredType: 'numericComplex',
        cameraBlocked: false,
        storageRequireDeviceEncryption: true,
        storageBlockRemovableStorage: random.chance(0.5),
      }) satisfies Omit<Stored<AndroidGeneralDeviceConfiguration>, 'id'>,
  ],
];

const COMPLIANCE: readonly [string, SettingsBuilder<DeviceCompliancePolicy>][] = [
  [
    'Windows 10/11 compliance',
    (random) =>
      ({
        '@odata.type': '#microsoft.graph.windows10CompliancePolicy',
        passwordRequired: true,
        passwordMinimumLength: random.pick([8, 12]),
        passwordRequiredType: 'alphanumeric',
        osMinimumVersion: '10.0.19045',
        osMaximumVersion: null,
        bitLockerEnabled: true,
        secureBootEnabled: true,
        codeIntegrityEnabled: true,
        storageRequireEncryption: true,
        requireHealthyDeviceReport: false,
        earlyLaunchAntiMalwareDriverEnabled: false,
      }) satisfies Omit<Stored<Windows10CompliancePolicy>, 'id'>,
  ],
  [
    'iOS compliance',
    (random) =>
      ({
        '@odata.type': '#microsoft.graph.iosCompliancePolicy',
        passcodeRequired: true,
        passcodeMinimumLength: random.pick([4, 6]),
        passcodeBlockSimple: true,
        osMinimumVersion: '16.0',
        securityBlockJailbrokenDevices: true,
        managedEmailProfileRequired: false,
        deviceThreatProtectionEnabled: false,
        deviceThreatProtectionRequiredSecurityLevel: 'unavailable',
      }) satisfies Omit<Stored<IosCompliancePolicy>, 'id'>,
  ],
  [
    'macOS compliance',
    (random) =>
      ({
        '@odata.type': '#microsoft.graph.macOSCompliancePolicy',
        passwordRequired: true,
        passwordMinimumLength: random.pick([8, 10]),
        osMinimumVersion: '13.0',
        systemIntegrityProtectionEnabled: true,
        storageRequireEncryption: true,
        firewallEnabled: true,
        firewallBlockAllIncoming: false,
        firewallEnableStealthMode: random.chance(0.5),
      }) satisfies Omit<Stored<MacOSCompliancePolicy>, 'id'>,
  ],
  [
    'Android compliance',
    (random) =>
      ({
        '@odata.type': '#microsoft.graph.androidCompliancePolicy',
        passwordRequired: true,
        passwordMinimumLength: random.pick([6, 8]),
        passwordRequiredType: 'numericComplex',
        securityBlockJailbrokenDevices: true,
        minAndroidSecurityPatchLevel: '2024-01-01',
        osMinimumVersion: '12.0',
        storageRequireEncryption: true,
        securityPreventInstallAppsFromUnknownSources: true,
      }) satisfies Omit<Stored<AndroidCompliancePolicy>, 'id'>,
  ],
];

/** Inline assignments: include groups, an exclusion, or the tenant-wide virtual groups. */
function assignments(random: Random, groupIds: readonly string[]): Assignment[] {
  const target = (odataType: string, groupId?: string) => ({
    '@odata.type': odataType,
    ...(groupId ? { groupId } : {}),
  });
  const result: Assignment[] = [];
  const roll = random.next();
  if (roll < 0.15) return result;
  if (roll < 0.35)
    result.push({ id: random.uuid(), target: target('#microsoft.graph.allLicensedUsersAssignmentTarget') });
  else if (roll < 0.5)
    result.push({ id: random.uuid(), target: target('#microsoft.graph.allDevicesAssignmentTarget') });
  else {
    for (const groupId of sampleOf(random, groupIds, random.int(1, 3))) {
      result.push({ id: random.uuid(), target: target('#microsoft.graph.groupAssignmentTarget', groupId) });
    }
  }
  if (random.chance(0.3)) {
    for (const groupId of sampleOf(random, groupIds, 1)) {
      result.push({
        id: random.uuid(),
        target: target('#microsoft.graph.exclusionGroupAssignmentTarget', groupId),
      });
    }
  }
  return result;
}

/** Block on non-compliance, then notify and retire after grace periods. */
function scheduledActions(random: Random): DeviceCompliancePolicy['scheduledActionsForRule'] {
  const action = (actionType: DeviceComplianceActionType, gracePeriodHours: number) => ({
    id: random.uuid(),
    actionType,
    gracePeriodHours,
    notificationTemplateId: '00000000-0000-0000-0000-000000000000',
    notificationMessageCCList: [],
  });
  const configurations = [action('block', random.pick([0, 24, 72]))];
  if (random.chance(0.5)) configurations.push(action('notification', 24));
  if (random.chance(0.2)) configurations.push(action('retire', 24 * 90));
  return [{ id: random.uuid(), ruleName: 'PasswordRequired', scheduledActionConfigurations: configurations }];
}

function commonProperties(context: GenerationContext, displayName: string) {
  const created = context.pastMs(700, 5);
  return {
    id: context.random.uuid(),
    displayName,
    description: context.random.chance(0.6) ? `Managed by the endpoint team. ${displayName}.` : null,
    createdDateTime: iso(created),
    lastModifiedDateTime: iso(created + context.random.int(0, 100) * 86400_000),
    version: context.random.int(1, 12),
  };
}

export function generateDeviceConfigurations(
  context: GenerationContext,
  groupIds: readonly string[],
  count: number,
): void {
  for (let i = 0; i < count; i++) {
    const [name, settings] = CONFIGURATIONS[i % CONFIGURATIONS.length] as (typeof CONFIGURATIONS)[number];
    const round = Math.floor(i / CONFIGURATIONS.length);
    context.seed<DeviceConfiguration>('deviceConfigurations', {
      ...commonProperties(context, round > 0 ? `${name} - ring ${round}` : name),
      ...settings(context.random),
      assignments: assignments(context.random, groupIds),
    });
  }
}

export function generateCompliancePolicies(
  context: GenerationContext,
  groupIds: readonly string[],
  count: number,
): void {
  for (let i = 0; i < count; i++) {
    const [name, settings] = COMPLIANCE[i % COMPLIANCE.length] as (typeof COMPLIANCE)[number];
    const round = Math.floor(i / COMPLIANCE.length);
    context.seed<DeviceCompliancePolicy>('deviceCompliancePolicies', {
      ...commonProperties(
        context,
        round > 0 ? `${name} (${['strict', 'BYOD', 'executives'][round % 3]})` : name,
      ),
      ...settings(context.random),
      assignments: assignments(context.random, groupIds),
      scheduledActionsForRule: scheduledActions(context.random),
    });
  }
}
