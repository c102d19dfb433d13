import type { Config } from '../config';
import { baseClientConfig } from './clients';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, type S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import type { ExportFiles } from '../domain/ports';

/**
 * S3 client settings. The local emulator (s3rver) wants path-style addresses, and stores streamed
 * uploads corrupted unless checksums are only computed when an operation requires them.
 */
export const s3ClientConfig = (cfg: Config): S3ClientConfig => ({
  ...baseClientConfig(cfg, cfg.endpoints.s3),
  ...(cfg.endpoints.s3 ? { forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
});

/** Export files in the exports bucket: streamed up in parts, handed out by short-lived presigned URLs. */
export const s3ExportFiles = (s3: S3Client, bucket: string): ExportFiles => ({
  async put(key, chunks, contentType) {
    let bytes = 0;
    const counted = async function* () {
      for await (const chunk of chunks) {
        const buf = Buffer.from(chunk, 'utf8');
        bytes += buf.length;
        yield buf;
      }
    };
    // Parts of 5 MiB with one upload at a time: memory stays flat whatever the history's length.
    const upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: key, Body: Readable.from(counted()), ContentType: contentType },
      queueSize: 1,
      partSize: 5 * 1024 * 1024,
    });
    await upload.done();
    return { bytes };
  },
  async presign(key, fileName, contentType, seconds) {
    return getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        ResponseContentType: contentType,
      }),
      { expiresIn: seconds },
    );
  },
  async deletePrefix(prefix) {
    let deleted = 0;
    let token: string | undefined;
    do {
      const res = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of res.Contents ?? []) {
        if (!o.Key) continue;
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key }));
        deleted++;
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return deleted;
  },
});
