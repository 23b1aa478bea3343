// How one Entra ID object is kept in the repository. Every backup, compare, history,
// export and restore reads and writes items through this module, so the format is
// defined once (docs/directory-backup.md describes it for other readers):
//
//   path      directory/<type>/<objectId>.json     (logs: directory/<type>/<YYYY-MM-DD>.jsonl)
//   content   canonical JSON of { type, id, object, relationships }: keys sorted, each
//             relationship a sorted list of target object ids
//   metadata  { itemType, objectId, displayName, versionHash }  (the catalog convention)
import { createHash } from 'node:crypto';
import type { CatalogItemMetadata } from '../../catalog/convention.js';

/** The catalog workload name of every directory snapshot. */
export const DIRECTORY_WORKLOAD = 'directory';

/**
 * The item types of a directory snapshot, in the order they are backed up and shown: the
 * 14 an admin toggles, plus named locations, which come with Conditional Access policies
 * (the policies refer to them, so one cannot be restored without the other).
 */
export const DIRECTORY_TYPES = [
  'users',
  'groups',
  'builtInRoles',
  'customRoles',
  'applications',
  'servicePrincipals',
  'conditionalAccessPolicies',
  'namedLocations',
  'devices',
  'deviceConfigurations',
  'deviceCompliancePolicies',
  'administrativeUnits',
  'signInLogs',
  'auditLogs',
  'bitlockerKeys',
] as const;

export type DirectoryType = (typeof DIRECTORY_TYPES)[number];

/** What an admin switches on or off; each covers the whole tenant. */
export type BackupToggle = Exclude<DirectoryType, 'namedLocations'>;

export const BACKUP_TOGGLES = DIRECTORY_TYPES.filter(
  (type): type is BackupToggle => type !== 'namedLocations',
);

/** The item types one toggle backs up. */
export function typesOfToggle(toggle: BackupToggle): DirectoryType[] {
  return toggle === 'conditionalAccessPolicies' ? ['conditionalAccessPolicies', 'namedLocations'] : [toggle];
}

/** Types kept as one JSONL item per day of entries rather than one item per object. */
export const LOG_TYPES: ReadonlySet<DirectoryType> = new Set(['signInLogs', 'auditLogs']);

export function isDirectoryType(value: string): value is DirectoryType {
  return (DIRECTORY_TYPES as readonly string[]).includes(value);
}

export type GraphObject = { id: string } & Record<string, unknown>;

/** One object as backed up: every property Graph returned, and its relationships by target id. */
export interface DirectoryItem {
  type: DirectoryType;
  id: string;
  object: GraphObject;
  relationships: Record<string, string[]>;
}

export function itemPath(type: DirectoryType, objectId: string): string {
  return `directory/${type}/${objectId}.${LOG_TYPES.has(type) ? 'jsonl' : 'json'}`;
}

/** The type and object id an item path names, or undefined for paths that are not directory items. */
export function parseItemPath(path: string): { type: DirectoryType; objectId: string } | undefined {
  const match = /^directory\/([A-Za-z]+)\/(.+)\.jsonl?$/.exec(path);
  if (!match || !isDirectoryType(match[1] as string)) return undefined;
  return { type: match[1] as DirectoryType, objectId: match[2] as string };
}

/** JSON with object keys in code-point order, so equal objects give equal bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

export function encodeItem(item: DirectoryItem): Buffer {
  const relationships: Record<string, string[]> = {};
  for (const [name, targets] of Object.entries(item.relationships)) {
    relationships[name] = [...new Set(targets)].sort();
  }
  return Buffer.from(canonicalJson({ ...item, relationships }));
}

export function decodeItem(content: Buffer | string): DirectoryItem {
  const parsed = JSON.parse(content.toString()) as Partial<DirectoryItem>;
  if (
    !parsed ||
    typeof parsed.type !== 'string' ||
    !isDirectoryType(parsed.type) ||
    typeof parsed.id !== 'string' ||
    typeof parsed.object !== 'object' ||
    parsed.object === null
  ) {
    throw new Error('not a directory item');
  }
  return {
    type: parsed.type,
    id: parsed.id,
    object: parsed.object,
    relationships: parsed.relationships ?? {},
  };
}

/** Hex digits of a version hash: the first 128 bits of SHA-256. */
const VERSION_HASH_LENGTH = 32;

/** Equal hashes mean equal content; the catalog compares versions by it. */
export function versionHash(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex').slice(0, VERSION_HASH_LENGTH);
}

/** The version hash of content that streams through (a log day), never held whole. */
export class StreamingVersionHash {
  private readonly hash = createHash('sha256');

  /** The content, hashed as it passes. */
  async *through(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      this.hash.update(chunk);
      yield chunk;
    }
  }

  /** The hash, once the content has passed. */
  digest(): string {
    return this.hash.digest('hex').slice(0, VERSION_HASH_LENGTH);
  }
}

/** An item's metadata: the catalog's, and for types listed by owner the owner it names (docs/directory-backup.md). */
export interface DirectoryItemMetadata extends CatalogItemMetadata {
  owner?: string;
}

/** The metadata of an encoded item. */
export function itemMetadata(
  type: DirectoryType,
  objectId: string,
  displayName: string | null,
  content: Buffer,
  owner?: string,
): DirectoryItemMetadata {
  const metadata = { itemType: type, objectId, displayName, versionHash: versionHash(content) };
  return owner === undefined ? metadata : { ...metadata, owner };
}
