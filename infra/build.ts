import type { App } from 'aws-cdk-lib';
import { isEuRegion } from '../shared/config';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';

export const DEFAULT_REGION = 'eu-north-1';

export class NonEuRegionError extends Error {
  override readonly name = 'NonEuRegionError';
  constructor(region: string) {
    super(
      `Region "${region}" is outside the EU. The privacy notice promises no transfers outside the EU, so every ` +
        `resource must be in an EU member-state region (e.g. eu-north-1, eu-central-1, eu-west-1). Choose one with -c region=...`,
    );
  }
}

const optional = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** Mailed links and the staff sign-in callback are built on it: an absolute https URL, no trailing slash. */
const baseUrl = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== 'https:') throw new Error(`publicBaseUrl must be an absolute https URL, got "${value}"`);
  return value.replace(/\/+$/, '');
};

/**
 * Builds both stacks from context: region (EU only), senderDomain, senderEmail, publicBaseUrl,
 * alarmEmail, contactEmail, staffDomainPrefix, logLevel. Stacks are pinned to the region but not
 * to an account, so synth needs no AWS credentials and makes no look-ups.
 */
export const buildApp = (app: App): { data: DataStack; api: ApiStack } => {
  const region = optional(app, 'region') ?? DEFAULT_REGION;
  if (!isEuRegion(region)) throw new NonEuRegionError(region);
  const env = { region };
  const senderDomain = optional(app, 'senderDomain') ?? 'wellflix.fi';
  const senderEmail = optional(app, 'senderEmail') ?? 'tietosuoja@wellflix.fi';

  const data = new DataStack(app, 'DsrData', {
    env,
    description: 'GDPR data-subject requests: tables, exports bucket, keys, mail identity, staff users (retained)',
    senderDomain,
    staffDomainPrefix: optional(app, 'staffDomainPrefix'),
    terminationProtection: true,
  });
  const api = new ApiStack(app, 'DsrApi', {
    env,
    description: 'GDPR data-subject requests: functions, HTTP API, schedule, alarms',
    data,
    senderEmail,
    publicBaseUrl: baseUrl(optional(app, 'publicBaseUrl')),
    alarmEmail: optional(app, 'alarmEmail'),
    contactEmail: optional(app, 'contactEmail'),
    logLevel: optional(app, 'logLevel'),
  });
  return { data, api };
};
