/**
 * Every function reads the HMAC key from Secrets Manager at cold start (shared/lambda/cold-start.ts),
 * so every floor constructs that client too: its bytes are the SDK's, not ours.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const secrets = new SecretsManagerClient({ region: process.env.AWS_REGION, maxAttempts: 5 });
