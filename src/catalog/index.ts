// The catalog: metadata index of backups (tenants, snapshots, item versions) on SQLite or
// PostgreSQL, rebuilt from the repository on demand. See docs/architecture.md, "Catalog".
export { Catalog } from './catalog.js';
export { BACKUP_CACHE_KIB, CATALOG_FILE_NAME, defaultCatalogUrl } from './connection.js';
export type { ConnectOptions, Engine } from './connection.js';
export { CatalogError } from './errors.js';
export type { ItemChange, ItemRecord, ItemVersion, Snapshot, SnapshotStatus, Tenant } from './model.js';
export type { ItemPage, ListItemsOptions, TypeCount } from './queries.js';
export type {
  BeginSnapshotInput,
  CarriedItems,
  FinishSnapshotInput,
  RecordResult,
  TenantInput,
} from './writes.js';
export { RECORD_BATCH_SIZE } from './writes.js';
export { catalogItemRecord, catalogSnapshotMeta } from './convention.js';
export type { CatalogItemMetadata, CatalogSnapshotMeta } from './convention.js';
export { catalogedSnapshots, rebuild, recordsOf } from './rebuild.js';
export type { CatalogedSnapshot, RebuildReport } from './rebuild.js';
