// Turns a repository location ("/var/backups/tenant" or "s3://bucket/prefix") into a backend.
import { resolve } from 'node:path';
import type { Backend } from '../backend.js';
import { FsBackend } from './fs.js';
import { S3Backend } from './s3.js';

export interface LocationOptions {
  /** S3 endpoint for S3-compatible storage; credentials come from the standard AWS variables. */
  s3Endpoint?: string;
}

export function openBackend(location: string, options: LocationOptions = {}): Backend {
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(location);
  if (s3) {
    return new S3Backend({ bucket: s3[1] ?? '', prefix: s3[2] ?? '', endpoint: options.s3Endpoint });
  }
  return new FsBackend(resolve(location));
}
