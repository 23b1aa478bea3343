// The storage a repository lives on: a flat space of immutable named files. Every
// backend makes put atomic (a name has its full content or does not exist).

export interface FileInfo {
  name: string;
  size: number;
  modified: Date;
}

export interface Backend {
  /** Where the repository is, for messages (a path or s3://bucket/prefix). */
  readonly location: string;
  /**
   * Creates or replaces `name` atomically. `released`, when given, may be called once
   * `data` is no longer needed (handed to the operating system), before the file is
   * durable: a caller can reuse the buffer then instead of holding it through the fsync.
   */
  put(name: string, data: Buffer, released?: () => void): Promise<void>;
  /** Whole file; throws MissingFileError when absent. */
  get(name: string): Promise<Buffer>;
  /** `length` bytes from `offset`; throws MissingFileError when absent. */
  getRange(name: string, offset: number, length: number): Promise<Buffer>;
  /** Complete files whose names start with `prefix` (incomplete writes are left out). */
  list(prefix: string): AsyncIterable<FileInfo>;
  /** Size and time of a file, or undefined when it does not exist. */
  stat(name: string): Promise<FileInfo | undefined>;
  /** Removes `name`; removing a missing file is not an error. */
  delete(name: string): Promise<void>;
  /** Deletes leftovers of interrupted writes older than `olderThan`; returns what it removed. */
  removeIncomplete(olderThan: Date): Promise<string[]>;
}

export async function listAll(backend: Backend, prefix: string): Promise<FileInfo[]> {
  const files: FileInfo[] = [];
  for await (const file of backend.list(prefix)) files.push(file);
  return files;
}
