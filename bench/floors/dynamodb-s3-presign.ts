/**
 * Floor for download: the document client, an S3 client and the presigner with the GetObjectCommand
 * it signs (a fresh presigned GET per use: no presigned GET exists without that command, and its
 * checksum code, ~7 KB, comes with it).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { secrets } from './secrets';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 5 }), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
const s3 = new S3Client({ region: process.env.AWS_REGION, maxAttempts: 5 });
export const handler = async (): Promise<unknown[]> => [secrets, ddb, s3, getSignedUrl, GetObjectCommand];
