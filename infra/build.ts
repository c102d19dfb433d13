import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Tags, type App } from 'aws-cdk-lib';
import { ControllerSchema, isEuRegion, mergeDeep, wellflix } from '../shared/config';
import { tables } from '../shared/adapters/tables';
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

const flag = (app: App, key: string): boolean => {
  const value: unknown = app.node.tryGetContext(key);
  return value === true || value === 'true';
};

/**
 * Another controller's facts, from the JSON file `-c controllerFile=PATH` names (relative to the
 * repository): deep-merged over the defaults and checked with the very schema loadConfig uses, so
 * a mistake fails the synth, not a cold start. The text is compiled into every bundle.
 */
export const readControllerFile = (file: string): string => {
  const text = readFileSync(path.resolve(__dirname, '..', file), 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`controllerFile ${file} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`controllerFile ${file} must hold a JSON object`);
  const checked = ControllerSchema().safeParse(mergeDeep(wellflix, parsed));
  if (!checked.success) throw new Error(`controllerFile ${file}: check ${checked.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return JSON.stringify(parsed);
};

/**
 * DsrApi reads DsrData's values through weak references (Fn::GetStackOutput, cdk.json), which
 * CloudFormation resolves only when DsrApi itself is updated; and `cdk deploy` skips a stack whose
 * template has not changed. So DsrApi carries a fingerprint of everything that shapes DsrData's
 * outputs (its inputs, the table definitions and the data stack's source): when DsrData changes,
 * DsrApi's template changes too and its next deploy picks up the new values.
 */
export const dataFingerprint = (inputs: Record<string, unknown>): string =>
  createHash('sha256')
    .update(JSON.stringify({ inputs, tables }))
    .update(readFileSync(path.join(__dirname, 'stacks', 'data-stack.ts')))
    .digest('hex')
    .slice(0, 16);

/**
 * Builds both stacks from context (cdk.json's `context` for what must stay the same between
 * deploys; `-c key=value` overrides): region (EU only), senderDomain, senderEmail,
 * importSenderIdentity, publicBaseUrl, alarmEmail, contactEmail, staffDomainPrefix, logLevel,
 * controllerFile. Stacks are pinned to the region but not to an account, so synth needs no AWS
 * credentials and makes no look-ups.
 */
export const buildApp = (app: App): { data: DataStack; api: ApiStack } => {
  const region = optional(app, 'region') ?? DEFAULT_REGION;
  if (!isEuRegion(region)) throw new NonEuRegionError(region);
  const env = { region };
  const senderDomain = optional(app, 'senderDomain') ?? 'wellflix.fi';
  const senderEmail = optional(app, 'senderEmail') ?? 'tietosuoja@wellflix.fi';

  const controllerFile = optional(app, 'controllerFile');
  const controllerJson = controllerFile ? readControllerFile(controllerFile) : undefined;
  const dataInputs = { senderDomain, staffDomainPrefix: optional(app, 'staffDomainPrefix'), importSenderIdentity: flag(app, 'importSenderIdentity') };

  const data = new DataStack(app, 'DsrData', {
    env,
    description: 'GDPR data-subject requests: tables, exports bucket, keys, mail identity, staff users (retained)',
    ...dataInputs,
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
    controllerJson,
  });
  Tags.of(api).add('dsr:data-revision', dataFingerprint({ region, ...dataInputs }));
  return { data, api };
};
