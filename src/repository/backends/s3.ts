// S3-compatible object storage. Objects are written with a single PUT or, for large
// packs, a multipart upload that is aborted on failure; both are atomic on S3, so a
// failed write never leaves a partial object under its name. The SDK retries transient
// errors itself (maxAttempts).
import type * as S3 from '@aws-sdk/client-s3';
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

type Sdk = typeof S3;
let sdkLoading: Promise<Sdk> | undefined;

/** The SDK is loaded on first use: it takes half a second of start-up a local repository never needs. */
function loadSdk(): Promise<Sdk> {
  sdkLoading ??= import('@aws-sdk/client-s3');
  return sdkLoading;
}

export class S3Backend implements Backend {
  readonly location: string;
  private readonly options: S3BackendOptions;
  private connection: Promise<{ sdk: Sdk; client: S3.S3Client }> | undefined;
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
    this.options = options;
  }

  private s3(): Promise<{ sdk: Sdk; client: S3.S3Client }> {
    const options = this.options;
    this.connection ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
        maxAttempts: options.maxAttempts ?? 5,
        ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      }),
    }));
    return this.connection;
  }

  private key(name: string): string {
    return this.prefix ? `${this.prefix}/${name}` : name;
  }

  private nameOf(key: string): string {
    return this.prefix ? key.slice(this.prefix.length + 1) : key;
  }

  async put(name: string, data: Buffer): Promise<void> {
    const { sdk, client } = await this.s3();
    const Key = this.key(name);
    if (data.length < this.multipartThreshold) {
      await client.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key, Body: data }));
      return;
    }
    const { UploadId } = await client.send(
      new sdk.CreateMultipartUploadCommand({ Bucket: this.bucket, Key }),
    );
    try {
      const parts: { ETag: string | undefined; PartNumber: number }[] = [];
      for (let offset = 0, PartNumber = 1; offset < data.length; offset += this.partSize, PartNumber++) {
        const { ETag } = await client.send(
          new sdk.UploadPartCommand({
            Bucket: this.bucket,
            Key,
            UploadId,
            PartNumber,
            Body: data.subarray(offset, offset + this.partSize),
          }),
        );
        parts.push({ ETag, PartNumber });
      }
      await client.send(
        new sdk.CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      await client
        .send(new sdk.AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }))
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
    const { sdk, client } = await this.s3();
    try {
      const response = await client.send(
        new sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.key(name), Range }),
      );
      if (!response.Body) throw new MissingFileError(name);
      return Buffer.from(await response.Body.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) throw new MissingFileError(name);
      throw error;
    }
  }

  async *list(prefix: string): AsyncIterable<FileInfo> {
    const { sdk, client } = await this.s3();
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.key(prefix), ContinuationToken }),
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
    const { sdk, client } = await this.s3();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: this.key(name) }));
      return { name, size: head.ContentLength ?? 0, modified: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    const { sdk, client } = await this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(name) }));
  }

  async removeIncomplete(olderThan: Date): Promise<string[]> {
    const { sdk, client } = await this.s3();
    const removed: string[] = [];
    let uploads;
    try {
      uploads = await client.send(
        new sdk.ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: this.prefix }),
      );
    } catch {
      // Not every S3-compatible server lists uploads; lifecycle rules clean up there.
      return removed;
    }
    for (const upload of uploads.Uploads ?? []) {
      if (!upload.Key || !upload.UploadId || (upload.Initiated && upload.Initiated >= olderThan)) continue;
      await client.send(
        new sdk.AbortMultipartUploadCommand({
          Bucket: this.bucket,
          Key: upload.Key,
          UploadId: upload.UploadId,
        }),
      );
      removed.push(this.nameOf(upload.Key));
    }
    return removed;
  }

  destroy(): void {
    void this.connection?.then(({ client }) => client.destroy());
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
