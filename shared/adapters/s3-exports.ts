import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import type { ExportFiles } from '../domain/ports';
import { s3ExportCleaner } from './s3-export-cleaner';

export { s3ClientConfig } from './s3-client';

/** Export files in the exports bucket: streamed up in parts, deleted by prefix. */
export const s3ExportFiles = (s3: S3Client, bucket: string): ExportFiles => ({
  ...s3ExportCleaner(s3, bucket),
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
});
