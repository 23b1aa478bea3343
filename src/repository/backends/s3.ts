// S3-compatible object storage. Objects are written with a single PUT or, for large
// packs, a multipart upload that is aborted on failure; both are atomic on S3, so a
// failed write never leaves a partial object under its name. The SDK retries transient
// errors itself (maxAttempts).
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { Backend, FileInfo } from '../backend.js';
import { MissingFileError } from '../errors.js';

export interface S3BackendOptions {
  bucket: string;
  /** Key prefix without trailing slash; '' for the bucket root. */
  prefix: string;
  /** Custom endpoint (MinIO, Ceph, s3rver...); path-style addressing is used with it. */
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Objects at least this large are sent as multipart uploads. */
  multipartThreshold?: number;
  partSize?: number;
  maxAttempts?: number;
}

const MiB = 1024 * 1024;

export class S3Backend implements Backend {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly multipartThreshold: number;
  private readonly partSize: number;

  constructor(options: S3BackendOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix.replace(/^\/+|\/+$/g, '');
    this.location = `s3://${this.bucket}${this.prefix ? `/${this.prefix}` : ''}`;
    this.partSize = options.partSize ?? 8 * MiB;
    this.multipartThreshold = options.multipartThreshold ?? this.partSize;
    this.client = new S3Client({
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      maxAttempts: options.maxAttempts ?? 5,
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  private key(name: string): string {
    return this.prefix ? `${this.prefix}/${name}` : name;
  }

  private nameOf(key: string): string {
    return this.prefix ? key.slice(this.prefix.length + 1) : key;
  }

  async put(name: string, data: Buffer): Promise<void> {
    const Key = this.key(name);
    if (data.length < this.multipartThreshold) {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: data }));
      return;
    }
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key }),
    );
    try {
      const parts: { ETag: string | undefined; PartNumber: number }[] = [];
      for (let offset = 0, PartNumber = 1; offset < data.length; offset += this.partSize, PartNumber++) {
        const { ETag } = await this.client.send(
          new UploadPartCommand({
            Bucket: this.bucket,
            Key,
            UploadId,
            PartNumber,
            Body: data.subarray(offset, offset + this.partSize),
          }),
        );
        parts.push({ ETag, PartNumber });
      }
      await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }))
        .catch(() => undefined);
      throw error;
    }
  }

  async get(name: string): Promise<Buffer> {
    return this.read(name);
  }

  async getRange(name: string, offset: number, length: number): Promise<Buffer> {
    if (length === 0) return Buffer.alloc(0);
    return this.read(name, `bytes=${offset}-${offset + length - 1}`);
  }

  private async read(name: string, Range?: string): Promise<Buffer> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.key(name), Range }),
      );
      if (!response.Body) throw new MissingFileError(name);
      return Buffer.from(await response.Body.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) throw new MissingFileError(name);
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<FileInfo> {
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.key(prefix), ContinuationToken }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield {
          name: this.nameOf(object.Key),
          size: object.Size ?? 0,
          modified: object.LastModified ?? new Date(0),
        };
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async stat(name: string): Promise<FileInfo | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(name) }),
      );
      return { name, size: head.ContentLength ?? 0, modified: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(name) }));
  }

  async removeIncomplete(olderThan: Date): Promise<string[]> {
    const removed: string[] = [];
    let uploads;
    try {
      uploads = await this.client.send(
        new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: this.prefix }),
      );
    } catch {
      // Not every S3-compatible server lists uploads; lifecycle rules clean up there.
      return removed;
    }
    for (const upload of uploads.Uploads ?? []) {
      if (!upload.Key || !upload.UploadId || (upload.Initiated && upload.Initiated >= olderThan)) continue;
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }),
      );
      removed.push(this.nameOf(upload.Key));
    }
    return removed;
  }

  destroy(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  const candidate = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    candidate.name === 'NoSuchKey' ||
    candidate.name === 'NotFound' ||
    candidate.$metadata?.httpStatusCode === 404
  );
}
