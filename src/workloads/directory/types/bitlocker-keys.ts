// BitLocker recovery keys. Listing gives the key's device and volume; the recovery key
// itself comes only from GET /recoveryKeys/{id}?$select=key, one key per request, and
// Entra audits every such read. A key never changes once escrowed (a new one gets a new
// id), so each key is read once and carried from then on. Graph asks clients of this API
// to name themselves in the ocp-client-name and ocp-client-version headers. Keys are
// listed by device (a key's deviceId is its device's deviceId): between full listings,
// only the keys of devices the devices delta reports.
import { readFileSync } from 'node:fs';
import type { BitlockerRecoveryKey } from '@microsoft/microsoft-graph-types';
import { stringProperty, type ObjectTypeDescriptor } from './descriptor.js';

const { version } = JSON.parse(
  readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

const KEY_PROPERTY = 'key' satisfies keyof BitlockerRecoveryKey;

export const bitlockerKeys: ObjectTypeDescriptor = {
  kind: 'objects',
  type: 'bitlockerKeys',
  relationships: [],
  singleReadProperties: [KEY_PROPERTY],
  immutable: true,
  owner: { type: 'devices', property: 'deviceId' },
  headers: { 'ocp-client-name': 'tenantvault', 'ocp-client-version': version },
  displayName: (key) => {
    const device = stringProperty(key, 'deviceId');
    const volume = stringProperty(key, 'volumeType');
    return device && volume ? `${volume} of device ${device}` : device;
  },
};
