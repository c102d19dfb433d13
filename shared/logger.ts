import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per function. What goes in: request ids, statuses, codes, and at most a
 * keyed hash of an email. Never bodies, names, addresses, tokens or signed URLs.
 */
export const makeLogger = (serviceName: string): Logger => new Logger({ serviceName, logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
