/** Floor for health: the plain DynamoDB client (DescribeTable, no document client), S3 and SESv2. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';

const ddb = new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 5 });
const s3 = new S3Client({ region: process.env.AWS_REGION, maxAttempts: 5 });
const ses = new SESv2Client({ region: process.env.AWS_REGION, maxAttempts: 5 });
export const handler = async (): Promise<unknown[]> => [ddb, s3, ses];
