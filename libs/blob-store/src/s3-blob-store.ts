import { DeleteObjectCommand, GetObjectCommand, S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable, Transform, pipeline } from 'node:stream';
import { BlobNotFoundError, BlobStore } from './blob-store';

export type S3BlobStoreOptions =
  | { bucket: string; client: S3Client }
  | {
      bucket: string;
      region?: string;
      endpoint?: string;
      forcePathStyle?: boolean;
      /** Omitted: the SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, instance role). */
      credentials?: S3ClientConfig['credentials'];
    };

/** Blobs as objects in one S3 (or S3-compatible) bucket. */
export class S3BlobStore implements BlobStore {
  private readonly bucket: string;
  private readonly client: S3Client;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.client =
      'client' in options
        ? options.client
        : new S3Client({
            region: options.region ?? 'us-east-1',
            endpoint: options.endpoint,
            forcePathStyle: options.forcePathStyle,
            credentials: options.credentials,
          });
  }

  async write(key: string, source: Readable): Promise<{ bytes: number }> {
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    // pipeline, not pipe: a failing source must fail the body too, or the upload would wait forever.
    const body = pipeline(source, count, () => undefined);
    // At most queueSize parts (5 MiB each) are held in memory. A failed upload is aborted by Upload
    // itself, and an object only appears on the final PutObject / CompleteMultipartUpload, so a
    // source that fails midway leaves nothing readable.
    await new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body: body }, queueSize: 2 }).done();
    return { bytes };
  }

  async read(key: string): Promise<Readable> {
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // In Node the SDK's body is an IncomingMessage; anything else means a non-Node request handler.
      if (!(Body instanceof Readable)) throw new Error(`S3 returned no readable body for ${key}`);
      return Body;
    } catch (error) {
      if (isMissingKey(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 whether or not the key existed.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

// A missing bucket is also a 404, but that is misconfiguration, not a missing blob.
function isMissingKey(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || ($metadata?.httpStatusCode === 404 && name !== 'NoSuchBucket');
}
