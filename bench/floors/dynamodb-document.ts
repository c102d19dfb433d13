/** Floor for submit, verify, decide: the DynamoDB client wrapped in the document client (shared/adapters/clients.ts). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { secrets } from './secrets';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION, maxAttempts: 5 }), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
export const handler = async (): Promise<unknown[]> => [secrets, ddb];
