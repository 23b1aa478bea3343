// The repository: an encrypted, deduplicated, compressed snapshot store on local disk or
// S3. It knows nothing of Microsoft 365: it stores items (path, id, metadata, content).
export { Repository } from './repository.js';
export type { ForgetResult, InitOptions, OpenOptions, RepositoryStats } from './repository.js';
export type {
  SnapshotWriter,
  ItemContent,
  NewItem,
  SnapshotOptions,
  WriterStats,
} from './snapshot-writer.js';
export type { ContentRef, SnapshotItem, SnapshotSummary } from './snapshot.js';
export type { CheckOptions, CheckProblem, CheckReport } from './check.js';
export type { PruneOptions, PruneResult } from './prune.js';
export { hasRules, parseDuration } from './retention.js';
export type { RetentionGroup, RetentionRules } from './retention.js';
export type { Backend, FileInfo } from './backend.js';
export { FsBackend } from './backends/fs.js';
export { S3Backend } from './backends/s3.js';
export type { S3BackendOptions } from './backends/s3.js';
export { openBackend } from './backends/location.js';
export type { LocationOptions } from './backends/location.js';
export type { ChunkerParameters } from './config.js';
export { FORMAT_VERSION } from './config.js';
export type { ScryptParameters } from './keys.js';
export type { LockTimings } from './locks.js';
export * from './errors.js';
