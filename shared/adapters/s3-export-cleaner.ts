import { DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ExportCleaner } from '../domain/ports';

/** Deletes export files by prefix (an export's, or every export of a request). */
export const s3ExportCleaner = (s3: S3Client, bucket: string): ExportCleaner => ({
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
