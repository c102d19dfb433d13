/** Floor for health: the plain DynamoDB client (DescribeTable, no document client), S3, SESv2 and SQS (the DLQ depth). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { secrets } from './secrets';

const ddb = new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 5 });
const s3 = new S3Client({ region: process.env.AWS_REGION, maxAttempts: 5 });
const ses = new SESv2Client({ region: process.env.AWS_REGION, maxAttempts: 5 });
const sqs = new SQSClient({ region: process.env.AWS_REGION, maxAttempts: 5 });
export const handler = async (): Promise<unknown[]> => [secrets, ddb, s3, ses, sqs];
