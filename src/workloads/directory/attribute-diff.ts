// What changed between two versions of one directory object: top-level properties with
// their old and new values, and relationship targets added or removed. Compare, drift and
// restore (which PATCHes only changed properties) all use it.
import { isDeepStrictEqual } from 'node:util';
import type { DirectoryItem } from './item.js';

export interface PropertyChange {
  property: string;
  /** undefined when the property is absent on that side. */
  old: unknown;
  new: unknown;
}

export interface RelationshipChange {
  relationship: string;
  added: string[];
  removed: string[];
}

export interface ItemDifference {
  properties: PropertyChange[];
  relationships: RelationshipChange[];
}

/** Properties that change on their own and say nothing about the object's configuration. */
const VOLATILE_PROPERTIES: ReadonlySet<string> = new Set(['@odata.context', '@odata.etag']);

export function diffProperties(from: Record<string, unknown>, to: Record<string, unknown>): PropertyChange[] {
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const changes: PropertyChange[] = [];
  for (const property of names) {
    if (VOLATILE_PROPERTIES.has(property)) continue;
    const old = from[property];
    const next = to[property];
    if (!isDeepStrictEqual(old, next)) changes.push({ property, old, new: next });
  }
  return changes;
}

export function diffRelationships(
  from: Record<string, string[]>,
  to: Record<string, string[]>,
): RelationshipChange[] {
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const changes: RelationshipChange[] = [];
  for (const relationship of names) {
    const before = new Set(from[relationship] ?? []);
    const after = new Set(to[relationship] ?? []);
    const added = [...after].filter((id) => !before.has(id)).sort();
    const removed = [...before].filter((id) => !after.has(id)).sort();
    if (added.length > 0 || removed.length > 0) changes.push({ relationship, added, removed });
  }
  return changes;
}

export function diffItems(from: DirectoryItem, to: DirectoryItem): ItemDifference {
  return {
    properties: diffProperties(from.object, to.object),
    relationships: diffRelationships(from.relationships, to.relationships),
  };
}

export function isUnchanged(difference: ItemDifference): boolean {
  return difference.properties.length === 0 && difference.relationships.length === 0;
}
