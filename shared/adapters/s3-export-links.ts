import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportLinks } from '../domain/ports';

/** Short-lived presigned GETs for export files, with a download file name. */
export const s3ExportLinks = (s3: S3Client, bucket: string): ExportLinks => ({
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
});
