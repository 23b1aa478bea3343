// Devices registered in Entra: Windows (Entra joined, hybrid joined, registered), macOS,
// iOS and Android, each with its own deviceId distinct from the object id, owners and
// users, compliance and management state, and stale devices that have not signed in for
// months.
import type { Device } from '@microsoft/microsoft-graph-types';
import type { Random } from '../random.js';
import { DAY_MS, iso, weighted, type GenerationContext, type Stored } from './context.js';
import { generateBitlockerKeys } from './bitlocker.js';
import type { GeneratedUsers } from './users.js';

type Platform = 'Windows' | 'macOS' | 'iOS' | 'Android';

interface PlatformModel {
  operatingSystem: string;
  versions: readonly string[];
  models: readonly (readonly [manufacturer: string, model: string])[];
}

const PLATFORMS: Record<Platform, PlatformModel> = {
  Windows: {
    operatingSystem: 'Windows',
    versions: ['10.0.19045.4529', '10.0.22631.3880', '10.0.22631.4037', '10.0.26100.1742'],
    models: [
      ['Microsoft Corporation', 'Surface Laptop 5'],
      ['Dell Inc.', 'Latitude 7440'],
      ['LENOVO', '21HMCTO1WW'],
      ['HP', 'HP EliteBook 840 G10 Notebook PC'],
    ],
  },
  macOS: {
    // Intune-managed Macs report "MacMDM"; others report "macOS".
    operatingSystem: 'MacMDM',
    versions: ['13.6.7', '14.5', '14.6.1', '15.0'],
    models: [
      ['Apple', 'MacBookPro18,3'],
      ['Apple', 'Mac14,2'],
    ],
  },
  iOS: {
    operatingSystem: 'iOS',
    versions: ['16.7.8', '17.5.1', '17.6', '18.0'],
    models: [
      ['Apple', 'iPhone 14'],
      ['Apple', 'iPhone 15 Pro'],
      ['Apple', 'iPad Air (5th generation)'],
    ],
  },
  Android: {
    operatingSystem: 'Android',
    versions: ['12.0', '13.0', '14.0'],
    models: [
      ['samsung', 'SM-S911B'],
      ['Google', 'Pixel 8'],
      ['motorola', 'moto g84 5G'],
    ],
  },
};

export class DeviceFactory {
  constructor(private readonly random: Random) {}

  build(
    owner: { displayName?: string | null } | undefined,
    registeredMs: number,
    now: number,
  ): Stored<Device> {
    const random = this.random;
    const platform = weighted(random, [
      ['Windows', 55],
      ['macOS', 10],
      ['iOS', 20],
      ['Android', 15],
    ] as const);
    const spec = PLATFORMS[platform];
    const [manufacturer, model] = random.pick(spec.models);
    const trustType =
      platform === 'Windows'
        ? weighted(random, [
            ['AzureAd', 6],
            ['ServerAd', 3],
            ['Workplace', 1],
          ] as const)
        : 'Workplace';
    const managed = random.chance(platform === 'Windows' ? 0.9 : 0.7);
    const firstName = owner?.displayName?.split(' ')[0] ?? 'Shared';
    const lastSignIn = random.chance(0.08)
      ? now - random.int(90, 400) * DAY_MS
      : now - random.int(0, 20) * DAY_MS;
    return {
      id: random.uuid(),
      deviceId: random.uuid(),
      displayName: deviceName(random, platform, firstName, model),
      operatingSystem: platform === 'macOS' && !managed ? 'macOS' : spec.operatingSystem,
      operatingSystemVersion: random.pick(spec.versions),
      manufacturer,
      model,
      trustType,
      profileType: 'RegisteredDevice',
      deviceOwnership: platform === 'Windows' || random.chance(0.5) ? 'Company' : 'Personal',
      enrollmentType: managed ? (platform === 'Windows' ? 'AzureDomainJoined' : 'UserEnrollment') : null,
      managementType: managed ? 'MDM' : null,
      isManaged: managed,
      isCompliant: managed ? random.chance(0.85) : null,
      mdmAppId: managed ? '0000000a-0000-0000-c000-000000000000' : null,
      accountEnabled: !random.chance(0.03),
      approximateLastSignInDateTime: iso(Math.max(registeredMs, lastSignIn)),
      registrationDateTime: iso(registeredMs),
      complianceExpirationDateTime: null,
      deviceVersion: 2,
      deviceCategory: null,
      enrollmentProfileName: null,
      onPremisesSyncEnabled: trustType === 'ServerAd' ? true : null,
      onPremisesLastSyncDateTime: trustType === 'ServerAd' ? iso(now - random.int(0, 3600_000)) : null,
      physicalIds: platform === 'Windows' ? [`[HWID]:h:${random.int(1e15, 9e15)}`] : [],
      systemLabels: [],
      alternativeSecurityIds: [
        {
          type: 2,
          identityProvider: null,
          key: Buffer.from(random.hex(40), 'hex').toString('base64'),
        },
      ],
    };
  }
}

function deviceName(random: Random, platform: Platform, firstName: string, model: string): string {
  switch (platform) {
    case 'Windows':
      return random.chance(0.8) ? `DESKTOP-${random.hex(7).toUpperCase()}` : `${firstName}'s ${model}`;
    case 'macOS':
      return `${firstName}’s MacBook Pro`;
    case 'iOS':
      return random.chance(0.5) ? `iPhone de ${firstName}` : `${firstName}'s ${model}`;
    case 'Android':
      return `${model}_${random.hex(4)}`;
  }
}

export interface GeneratedDevices {
  ids: string[];
}

export function generateDevices(
  context: GenerationContext,
  users: GeneratedUsers,
  count: number,
): GeneratedDevices {
  const { random } = context;
  const factory = new DeviceFactory(random);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // Kiosks and shared devices have no owner.
    const owner = random.chance(0.05) ? undefined : random.pick(users.members);
    const device = factory.build(owner, context.pastMs(3 * 365, 1), context.now);
    context.seed('devices', device);
    if (owner) {
      context.store.seedLink(device.id, 'registeredOwners', owner.id);
      context.store.seedLink(device.id, 'registeredUsers', owner.id);
    }
    generateBitlockerKeys(context, device);
    ids.push(device.id);
  }
  return { ids };
}
