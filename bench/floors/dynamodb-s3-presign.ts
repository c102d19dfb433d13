/** Floor for download: the document client, an S3 client and the presigner (a fresh presigned GET per use). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { secrets } from './secrets';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 5 }), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
const s3 = new S3Client({ region: process.env.AWS_REGION, maxAttempts: 5 });
export const handler = async (): Promise<unknown[]> => [secrets, ddb, s3, getSignedUrl];
