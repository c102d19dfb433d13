/** Floor for retention: document client, S3 (deletes expired exports) and SESv2 (the deadline digest). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { secrets } from './secrets';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 5 }), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
const s3 = new S3Client({ region: process.env.AWS_REGION, maxAttempts: 5 });
const ses = new SESv2Client({ region: process.env.AWS_REGION, maxAttempts: 5 });
export const handler = async (): Promise<unknown[]> => [secrets, ddb, s3, ses];
