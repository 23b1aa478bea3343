// BitLocker recovery keys escrowed by Windows devices: one for the OS volume, sometimes
// one for a data volume. The 48-digit recovery password has eight blocks of six digits,
// each a multiple of 11 below 720,896, as BitLocker generates them.
import type { BitlockerRecoveryKey, Device } from '@microsoft/microsoft-graph-types';
import type { Random } from '../random.js';
import { iso, type GenerationContext, type Stored } from './context.js';

export function recoveryPassword(random: Random): string {
  const blocks: string[] = [];
  for (let i = 0; i < 8; i++) blocks.push(String(random.int(0, 65535) * 11).padStart(6, '0'));
  return blocks.join('-');
}

export function bitlockerKeysFor(
  random: Random,
  device: Stored<Device>,
  createdMs: number,
): Stored<BitlockerRecoveryKey>[] {
  if (device.operatingSystem !== 'Windows') return [];
  const key = (volumeType: 'operatingSystemVolume' | 'fixedDataVolume'): Stored<BitlockerRecoveryKey> => ({
    id: random.uuid(),
    createdDateTime: iso(createdMs),
    deviceId: device.deviceId as string,
    volumeType,
    key: recoveryPassword(random),
  });
  return random.chance(0.1)
    ? [key('operatingSystemVolume'), key('fixedDataVolume')]
    : [key('operatingSystemVolume')];
}

export function generateBitlockerKeys(context: GenerationContext, device: Stored<Device>): void {
  const createdMs = Date.parse(device.registrationDateTime as string);
  for (const key of bitlockerKeysFor(context.random, device, createdMs))
    context.seed('bitlockerRecoveryKeys', key);
}
