// Backing up one directory item type: logs by day from a watermark, objects by delta, by
// owner (the owners their type's delta reported) or by listing them all, and types not selected this time carried unchanged so every
// snapshot stays complete. The engine (src/engine/backup.ts) runs this per type.
import type { DirectoryType } from './item.js';
import { backupLogType } from './log-backup.js';
import { backupObjectType } from './object-backup.js';
import { backupByOwner } from './owner-backup.js';
import { carryPrevious, type TypeBackupInput, type TypeBackupOutcome } from './type-backup.js';
import { descriptorOf } from './types/index.js';

export type { PreviousItems, TypeBackupInput, TypeBackupOutcome } from './type-backup.js';
export type { ItemSink, ObjectChange } from './type-writer.js';

/** Reads the type from Graph into the snapshot; Graph failures end in a summary with an error, never a throw. */
export function backupType(type: DirectoryType, input: TypeBackupInput): Promise<TypeBackupOutcome> {
  const descriptor = descriptorOf(type);
  if (descriptor.kind === 'log') return backupLogType(descriptor, input);
  const { ownerChanges } = input;
  if (descriptor.owner && ownerChanges && input.previous)
    return backupByOwner(descriptor, input, ownerChanges);
  return backupObjectType(descriptor, input);
}

/** Keeps the previous snapshot's items of a type not selected this time, and its state. */
export function carryType(type: DirectoryType, input: TypeBackupInput): Promise<TypeBackupOutcome> {
  return carryPrevious(type, 'carried', input);
}
