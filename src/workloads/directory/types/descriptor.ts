// What backup, live reads and restore need to know about one directory item type, kept as
// data: the properties to $select, the filter that narrows the collection, whether Graph
// tracks its changes through /delta, the relationships read for each object, and the name
// people see. Each module next to this one describes one type; index.ts maps them.
import { LOG_TYPES, type DirectoryType, type GraphObject } from '../item.js';

/** Types kept as one item per UTC day of log entries. */
export type LogType = 'signInLogs' | 'auditLogs';
/** Types kept as one item per object. */
export type ObjectType = Exclude<DirectoryType, LogType>;

export function isLogType(type: DirectoryType): type is LogType {
  return LOG_TYPES.has(type);
}

/** A request of its own for one object's entries, below the Graph version; `objectUrl` is e.g. /groups/{id}. */
export type RelationshipRequest = (objectUrl: string, objectId: string) => string;

/**
 * Graph expands at most this many related objects and gives no link to the rest: an
 * expansion holding this many may be cut short.
 */
export const EXPANSION_LIMIT = 20;

/** Where a relationship's entries come from. */
export type RelationshipSource =
  /** A request of its own per object. */
  | { url: RelationshipRequest; expand?: never; listedApart?: never }
  /** Single-valued (a user's manager), in the object's own answer through this $expand. */
  | { expand: string; single: true; url?: never; listedApart?: never }
  /**
   * Collection-valued, expanded through this $expand: an object whose expansion is missing
   * or holds EXPANSION_LIMIT entries has it read through `url`. Graph expands one
   * navigation property per request on directory objects, so a type expands at most one
   * in its objects' own answer; any other is `listedApart`, expanded in a listing of
   * object ids of its own, read before the objects and joined to them by id (kept as ids
   * only; objects read by id read it through `url`).
   */
  | { expand: string; url: RelationshipRequest; listedApart?: boolean };

/** How the related entries of one object are read and kept. */
export type Relationship = RelationshipSource & {
  /** Its name in the item's `relationships`, or in `object` when kept whole. */
  name: string;
  /** At most one related object (a user's manager): none is a 404 or null, not an empty list. */
  single?: boolean;
  /**
   * Keep the entries whole, ordered by id, in `object[name]` instead of as target ids:
   * navigation properties whose entries carry settings a restore writes back as they are
   * (Intune assignments with their include / exclude targets, scoped role members, role
   * assignments with their scope, app role assignments with their app role).
   */
  keepWhole?: boolean;
};

export interface ObjectTypeDescriptor {
  kind: 'objects';
  type: ObjectType;
  /**
   * Every property Graph v1.0 documents for the type, named in $select, since directory
   * types return only a default set without it. Absent for types with derived types
   * (named locations, Intune policies): their properties differ per @odata.type, and
   * Graph returns every property of each object's own type when nothing is selected.
   */
  select?: readonly string[];
  /** $filter narrowing the collection (built-in and custom roles share one). */
  filter?: string;
  /**
   * Graph reports changes of the type through {collection}/delta. `tracked` names the
   * relationships whose changes delta reports when they are selected (members@delta).
   */
  delta?: { tracked: readonly string[] };
  relationships: readonly Relationship[];
  /** Properties Graph returns only when one object is read by id with $select (a BitLocker key). */
  singleReadProperties?: readonly string[];
  /** Objects never change once created: those already kept are carried, never read again. */
  immutable?: boolean;
  /**
   * Each object belongs to an object of a type Graph tracks by delta, names it by
   * `property` (the owner's property of the same name) and can be listed by it
   * ($filter=property eq '…'). Graph offering no delta of its own, between full listings
   * only the objects of owners that owner type's delta reports added, changed or removed
   * are listed again (a BitLocker key and its device). An object keeps its owner for life.
   */
  owner?: { type: ObjectType; property: string };
  /** Request headers Graph insists on for the type. */
  headers?: Readonly<Record<string, string>>;
  displayName(object: GraphObject): string | null;
}

export interface LogTypeDescriptor {
  kind: 'log';
  type: LogType;
  /** When an entry happened: what days and the watermark are taken from ($filter … ge). */
  timeProperty: string;
}

export type TypeDescriptor = ObjectTypeDescriptor | LogTypeDescriptor;

export function stringProperty(object: GraphObject, name: string): string | null {
  const value = object[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The owner an object names, for types listed by owner. */
export function ownerOf(descriptor: ObjectTypeDescriptor, object: GraphObject): string | undefined {
  return descriptor.owner ? (stringProperty(object, descriptor.owner.property) ?? undefined) : undefined;
}

export function byDisplayName(object: GraphObject): string | null {
  return stringProperty(object, 'displayName');
}

/** The ids of the directory objects linked under `name` below an object, up to 999 a page. */
const linkedIds =
  (name: string): RelationshipRequest =>
  (objectUrl) =>
    `${objectUrl}/${name}?$select=id&$top=999`;

/** Directory objects the object links to (members, owners, registered users …), kept as ids. */
export function linkedObjects(name: string): Relationship {
  return { name, url: linkedIds(name) };
}

/**
 * Linked objects expanded (ids only) in the objects' listing, or in a listing of their own
 * when `listedApart`; objects with a full expansion read them one object at a time.
 */
export function expandedLinkedObjects(name: string, { listedApart = false } = {}): Relationship {
  return { name, expand: `${name}($select=id)`, url: linkedIds(name), listedApart };
}

/** A navigation property kept whole; `query` adds options such as a nested $expand. */
export function navigationProperty(name: string, query = ''): Relationship {
  return { name, url: (objectUrl) => `${objectUrl}/${name}${query}`, keepWhole: true };
}
