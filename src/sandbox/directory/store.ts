// One tenant's directory: every object Graph serves, the links between them (members,
// owners, ...), soft-deleted objects and an ordered change log that delta queries read.
// Every write goes through here so the change log never misses one.

export type DirectoryObject = { id: string } & Record<string, unknown>;

/** Collections whose deleted objects go to /directory/deletedItems for 30 days. */
export const SOFT_DELETABLE = new Set([
  'users',
  'groups',
  'applications',
  'servicePrincipals',
  'administrativeUnits',
]);

export const SOFT_DELETE_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** Assignments that name a principal (principalId) and, for app roles, a resource (resourceId). */
const ASSIGNMENT_COLLECTIONS = ['roleAssignments', 'appRoleAssignments'];

export interface LinkChange {
  relation: string;
  targetId: string;
  removed: boolean;
}

export type ChangeKind = 'upsert' | 'softDelete' | 'delete';

export interface ChangeRecord {
  seq: number;
  at: number;
  collection: string;
  id: string;
  kind: ChangeKind;
  /** Properties written by this change (empty for a creation: everything is new). */
  properties: string[];
  created: boolean;
  links: LinkChange[];
}

/** Objects of one kind, kept in id order so paging can resume after any id. */
export class ObjectCollection {
  private readonly byId = new Map<string, DirectoryObject>();
  private sortedIds: string[] = [];
  /** Bumped on every change, so derived orderings know when to rebuild. */
  version = 0;

  constructor(readonly name: string) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): DirectoryObject | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  put(object: DirectoryObject): void {
    this.version++;
    if (!this.byId.has(object.id)) {
      const at = this.indexAfter(object.id);
      this.sortedIds.splice(at, 0, object.id);
    }
    this.byId.set(object.id, object);
  }

  /** Fast path for generated data: ids are appended and sorted once at the end. */
  putUnsorted(object: DirectoryObject): void {
    this.version++;
    if (!this.byId.has(object.id)) this.sortedIds.push(object.id);
    this.byId.set(object.id, object);
  }

  sort(): void {
    this.sortedIds.sort();
  }

  remove(id: string): DirectoryObject | undefined {
    const object = this.byId.get(id);
    if (!object) return undefined;
    this.version++;
    this.byId.delete(id);
    const at = this.indexAfter(id) - 1;
    if (this.sortedIds[at] === id) this.sortedIds.splice(at, 1);
    return object;
  }

  /** Objects in id order, starting after `afterId`. */
  *from(afterId?: string): Generator<DirectoryObject> {
    const start = afterId === undefined ? 0 : this.indexAfter(afterId);
    for (let i = start; i < this.sortedIds.length; i++) {
      const object = this.byId.get(this.sortedIds[i] as string);
      if (object) yield object;
    }
  }

  values(): IterableIterator<DirectoryObject> {
    return this.byId.values();
  }

  /** Index of the first id greater than `id`. */
  private indexAfter(id: string): number {
    let low = 0;
    let high = this.sortedIds.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.sortedIds[mid] as string) <= id) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

export interface DeletedEntry {
  collection: string;
  object: DirectoryObject;
  deletedAt: number;
  links: Record<string, string[]>;
  reverseLinks: { sourceId: string; relation: string }[];
}

export interface StoreSnapshot {
  seq: number;
  collections: Record<string, DirectoryObject[]>;
  links: Record<string, string[]>;
  deleted: DeletedEntry[];
  changes: ChangeRecord[];
}

export class DirectoryStore {
  private readonly collections = new Map<string, ObjectCollection>();
  /** id -> collection name, for /directoryObjects/{id} and typed member lists. */
  private readonly owners = new Map<string, string>();
  /** "sourceId/relation" -> target ids. */
  private readonly links = new Map<string, Set<string>>();
  /** targetId -> "sourceId/relation" keys that point at it, to unlink on delete. */
  private readonly backLinks = new Map<string, Set<string>>();
  private readonly deleted = new Map<string, DeletedEntry>();
  private changes: ChangeRecord[] = [];
  private seq = 0;
  private readonly listeners: ((change: ChangeRecord) => void)[] = [];

  constructor(private readonly now: () => number) {}

  collection(name: string): ObjectCollection {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new ObjectCollection(name);
      this.collections.set(name, collection);
    }
    return collection;
  }

  collectionOf(id: string): string | undefined {
    return this.owners.get(id);
  }

  find(id: string): DirectoryObject | undefined {
    const name = this.owners.get(id);
    return name ? this.collections.get(name)?.get(id) : undefined;
  }

  get currentSeq(): number {
    return this.seq;
  }

  onChange(listener: (change: ChangeRecord) => void): void {
    this.listeners.push(listener);
  }

  /** Adds an object without recording a change: used while generating the initial tenant. */
  seed(collection: string, object: DirectoryObject): void {
    this.collection(collection).putUnsorted(object);
    this.owners.set(object.id, collection);
  }

  seedLink(sourceId: string, relation: string, targetId: string): void {
    this.addLink(sourceId, relation, targetId);
  }

  finishSeeding(): void {
    for (const collection of this.collections.values()) collection.sort();
  }

  create(collection: string, object: DirectoryObject): DirectoryObject {
    this.collection(collection).put(object);
    this.owners.set(object.id, collection);
    this.record(collection, object.id, 'upsert', Object.keys(object), true, []);
    return object;
  }

  /** Shallow-merges `patch`; properties set to undefined are removed. */
  update(collection: string, id: string, patch: Record<string, unknown>): DirectoryObject | undefined {
    const current = this.collection(collection).get(id);
    if (!current) return undefined;
    const next: DirectoryObject = { ...current };
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'id') continue;
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    this.collection(collection).put(next);
    this.record(collection, id, 'upsert', Object.keys(patch), false, []);
    return next;
  }

  /**
   * Deletes an object. Soft-deletable kinds move to deletedItems with their links kept,
   * so a restore brings memberships back; everything else is gone for good.
   */
  delete(collection: string, id: string): boolean {
    const object = this.collection(collection).remove(id);
    if (!object) return false;
    const { links, reverseLinks } = this.detachLinks(id);
    if (SOFT_DELETABLE.has(collection)) {
      this.deleted.set(id, { collection, object, deletedAt: this.now(), links, reverseLinks });
      this.record(collection, id, 'softDelete', [], false, []);
    } else {
      this.owners.delete(id);
      this.record(collection, id, 'delete', [], false, []);
    }
    return true;
  }

  deletedItem(id: string): DeletedEntry | undefined {
    this.purgeExpired();
    return this.deleted.get(id);
  }

  deletedItems(collection: string): DeletedEntry[] {
    this.purgeExpired();
    return [...this.deleted.values()].filter((entry) => entry.collection === collection);
  }

  /** Brings a soft-deleted object back with its id and links. */
  restore(id: string): DirectoryObject | undefined {
    this.purgeExpired();
    const entry = this.deleted.get(id);
    if (!entry) return undefined;
    this.deleted.delete(id);
    this.collection(entry.collection).put(entry.object);
    const changed: LinkChange[] = [];
    for (const [relation, targets] of Object.entries(entry.links)) {
      for (const targetId of targets) {
        if (this.owners.has(targetId) && this.find(targetId)) {
          this.addLink(id, relation, targetId);
          changed.push({ relation, targetId, removed: false });
        }
      }
    }
    this.record(entry.collection, id, 'upsert', Object.keys(entry.object), true, changed);
    for (const { sourceId, relation } of entry.reverseLinks) {
      const source = this.owners.get(sourceId);
      if (source && this.find(sourceId)) this.link(source, sourceId, relation, id);
    }
    return entry.object;
  }

  /**
   * Removes a soft-deleted object for good (DELETE /directory/deletedItems/{id}, or 30
   * days after the deletion). As in Entra, the role and app role assignments that name it
   * (as principal, as resource or as the scope of a role) go with it: re-creating the
   * object does not bring them back.
   */
  purge(id: string): boolean {
    const entry = this.deleted.get(id);
    if (!entry) return false;
    this.deleted.delete(id);
    this.owners.delete(id);
    this.record(entry.collection, id, 'delete', [], false, []);
    for (const collection of ASSIGNMENT_COLLECTIONS) {
      for (const assignment of [...this.collection(collection).values()]) {
        const scope = String(assignment.directoryScopeId ?? '');
        const scoped = scope === `/${id}` || scope === `/administrativeUnits/${id}`;
        if (assignment.principalId === id || assignment.resourceId === id || scoped)
          this.delete(collection, assignment.id);
      }
    }
    return true;
  }

  linked(sourceId: string, relation: string): string[] {
    return [...(this.links.get(`${sourceId}/${relation}`) ?? [])];
  }

  linkCount(sourceId: string, relation: string): number {
    return this.links.get(`${sourceId}/${relation}`)?.size ?? 0;
  }

  isLinked(sourceId: string, relation: string, targetId: string): boolean {
    return this.links.get(`${sourceId}/${relation}`)?.has(targetId) ?? false;
  }

  /** Sources that point at `targetId` through `relation` (e.g. the groups a user is in). */
  linkedFrom(targetId: string, relation: string): string[] {
    const suffix = `/${relation}`;
    return [...(this.backLinks.get(targetId) ?? [])]
      .filter((key) => key.endsWith(suffix))
      .map((key) => key.slice(0, -suffix.length));
  }

  link(collection: string, sourceId: string, relation: string, targetId: string): boolean {
    if (this.isLinked(sourceId, relation, targetId)) return false;
    this.addLink(sourceId, relation, targetId);
    this.record(collection, sourceId, 'upsert', [], false, [{ relation, targetId, removed: false }]);
    return true;
  }

  unlink(collection: string, sourceId: string, relation: string, targetId: string): boolean {
    if (!this.removeLink(sourceId, relation, targetId)) return false;
    this.record(collection, sourceId, 'upsert', [], false, [{ relation, targetId, removed: true }]);
    return true;
  }

  /** Changes after `seq` for one collection, oldest first. */
  changesSince(seq: number, collection: string): ChangeRecord[] {
    const start = this.firstIndexAfter(seq);
    const result: ChangeRecord[] = [];
    for (let i = start; i < this.changes.length; i++) {
      const change = this.changes[i] as ChangeRecord;
      if (change.collection === collection) result.push(change);
    }
    return result;
  }

  /** The oldest sequence number still in the log: tokens older than this cannot be served. */
  get oldestRetainedSeq(): number {
    return this.changes.length > 0 ? (this.changes[0] as ChangeRecord).seq - 1 : this.seq;
  }

  /** Drops change records older than `beforeMs`; delta tokens that old are already expired. */
  trimChanges(beforeMs: number): void {
    let drop = 0;
    while (drop < this.changes.length && (this.changes[drop] as ChangeRecord).at < beforeMs) drop++;
    if (drop > 0) this.changes = this.changes.slice(drop);
  }

  snapshot(): StoreSnapshot {
    this.purgeExpired();
    const collections: Record<string, DirectoryObject[]> = {};
    for (const [name, collection] of this.collections) collections[name] = [...collection.from()];
    const links: Record<string, string[]> = {};
    for (const [key, targets] of this.links) if (targets.size > 0) links[key] = [...targets];
    return { seq: this.seq, collections, links, deleted: [...this.deleted.values()], changes: this.changes };
  }

  static fromSnapshot(snapshot: StoreSnapshot, now: () => number): DirectoryStore {
    const store = new DirectoryStore(now);
    for (const [name, objects] of Object.entries(snapshot.collections)) {
      for (const object of objects) store.seed(name, object);
    }
    for (const [key, targets] of Object.entries(snapshot.links)) {
      const slash = key.indexOf('/');
      for (const target of targets) store.addLink(key.slice(0, slash), key.slice(slash + 1), target);
    }
    for (const entry of snapshot.deleted) {
      store.deleted.set(entry.object.id, entry);
      store.owners.set(entry.object.id, entry.collection);
    }
    store.changes = snapshot.changes;
    store.seq = snapshot.seq;
    store.finishSeeding();
    return store;
  }

  private purgeExpired(): void {
    const cutoff = this.now() - SOFT_DELETE_RETENTION_MS;
    for (const [id, entry] of this.deleted) if (entry.deletedAt < cutoff) this.purge(id);
  }

  private record(
    collection: string,
    id: string,
    kind: ChangeKind,
    properties: string[],
    created: boolean,
    links: LinkChange[],
  ): void {
    const change: ChangeRecord = {
      seq: ++this.seq,
      at: this.now(),
      collection,
      id,
      kind,
      properties,
      created,
      links,
    };
    this.changes.push(change);
    for (const listener of this.listeners) listener(change);
  }

  private addLink(sourceId: string, relation: string, targetId: string): void {
    const key = `${sourceId}/${relation}`;
    let targets = this.links.get(key);
    if (!targets) this.links.set(key, (targets = new Set()));
    targets.add(targetId);
    let back = this.backLinks.get(targetId);
    if (!back) this.backLinks.set(targetId, (back = new Set()));
    back.add(key);
  }

  private removeLink(sourceId: string, relation: string, targetId: string): boolean {
    const key = `${sourceId}/${relation}`;
    const removed = this.links.get(key)?.delete(targetId) ?? false;
    this.backLinks.get(targetId)?.delete(key);
    return removed;
  }

  /** Cuts an object's links both ways, recording the membership changes on the sources. */
  private detachLinks(id: string): Pick<DeletedEntry, 'links' | 'reverseLinks'> {
    const links: Record<string, string[]> = {};
    const prefix = `${id}/`;
    for (const [key, targets] of this.links) {
      if (!key.startsWith(prefix)) continue;
      const relation = key.slice(prefix.length);
      links[relation] = [...targets];
      for (const target of targets) this.backLinks.get(target)?.delete(key);
      this.links.delete(key);
    }
    const reverseLinks: DeletedEntry['reverseLinks'] = [];
    for (const key of this.backLinks.get(id) ?? []) {
      const slash = key.indexOf('/');
      const sourceId = key.slice(0, slash);
      const relation = key.slice(slash + 1);
      reverseLinks.push({ sourceId, relation });
      this.links.get(key)?.delete(id);
      const source = this.owners.get(sourceId);
      if (source)
        this.record(source, sourceId, 'upsert', [], false, [{ relation, targetId: id, removed: true }]);
    }
    this.backLinks.delete(id);
    return { links, reverseLinks };
  }

  private firstIndexAfter(seq: number): number {
    let low = 0;
    let high = this.changes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.changes[mid] as ChangeRecord).seq <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
