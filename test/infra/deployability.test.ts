/**
 * Issue 21, "it deploys, stays deployable, and tells someone when it breaks": each finding of the
 * architect's read of the templates, as the test that would have caught it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../infra/build';
import { ACCESS_LOG_PREFIX } from '../../infra/constructs/http-api';
import { SCHEDULE_MAX_AGE_HOURS } from '../../infra/constructs/retention-schedule';
import { STAFF_GROUPS } from '../../infra/stacks/data-stack';
import { loadConfig, wellflix } from '../../shared/config';

const cdkJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { requireApproval?: string; context: Record<string, unknown> };
const build = (context: Record<string, unknown> = {}) =>
  buildApp(new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], alarmEmail: 'ops@example.fi', ...context } }));
const built = build();
const api = Template.fromStack(built.api);
const data = Template.fromStack(built.data);
const idOf = (c: IConstruct) => Stack.of(c).resolve((c.node.defaultChild as CfnElement).logicalId) as string;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const fnProps = (t: Template, b: ReturnType<typeof build>, name: keyof typeof b.api.functions): Json => t.toJSON().Resources[idOf(b.api.functions[name])].Properties;

describe('1. alarms reach someone', () => {
  it('the alarm topic\'s policy lets CloudWatch alarms of this account and region publish (a topic policy replaces SNS\'s default)', () => {
    api.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: Match.stringLikeRegexp('^Alarms') },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:aws:cloudwatch:eu-north-1:', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
            },
          }),
        ]),
      },
    });
  });

  it('CloudWatch may use the topic\'s key for those alarms only', () => {
    api.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ]),
      },
    });
  });
});

describe('2. the SES sandbox and everything else broken is told by /health', () => {
  it('the health function checks production access, both DLQs and the schedule\'s heartbeat; no other function gets those settings', () => {
    const vars = fnProps(api, built, 'health').Environment.Variables;
    expect(vars.HEALTH_REQUIRE_SES_PRODUCTION).toBe('true');
    expect(vars.HEALTH_SCHEDULE_MAX_AGE_HOURS).toBe(String(SCHEDULE_MAX_AGE_HOURS));
    const dlqs = JSON.stringify(vars.HEALTH_DLQ_URLS);
    for (const q of [built.api.streamDlq, built.api.retentionDlq]) expect(dlqs).toContain(idOf(q));
    expect(dlqs).toMatch(/^.*processor=.*retention=.*$/);
    for (const name of ['submit', 'processor', 'retention'] as const) {
      expect(Object.keys(fnProps(api, built, name).Environment.Variables).filter((k) => k.startsWith('HEALTH_'))).toEqual([]);
    }
  });

  it('the daily job may be late by a couple of hours at most before health calls it down', () => {
    expect(SCHEDULE_MAX_AGE_HOURS).toBeGreaterThan(24);
    expect(SCHEDULE_MAX_AGE_HOURS).toBeLessThanOrEqual(30);
  });
});

describe('3. updates that fail', () => {
  it('a malformed staff domain prefix fails the synth, not the deploy', () => {
    expect(() => build({ staffDomainPrefix: 'Wellflix_Staff' })).toThrow('staffDomainPrefix');
    expect(() => build({ staffDomainPrefix: 'my-cognito-login' })).toThrow('staffDomainPrefix');
    Template.fromStack(build({ staffDomainPrefix: 'wellflix-staff' }).data).hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'wellflix-staff' });
  });

  it('without a prefix the default is the same on every deploy (the account id), never something that moves', () => {
    data.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: { 'Fn::Join': ['', ['dsr-staff-', { Ref: 'AWS::AccountId' }]] } });
  });

  it('importSenderIdentity uses the existing SES identity instead of creating one (AlreadyExists)', () => {
    const imported = build({ importSenderIdentity: 'true' });
    const t = Template.fromStack(imported.data);
    t.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(Object.keys(t.findOutputs('*')).filter((k) => k.startsWith('DkimRecord'))).toEqual([]);
    // Mail is still granted on that identity only.
    expect(JSON.stringify(Template.fromStack(imported.api).toJSON())).toContain(':identity/wellflix.fi');
    data.resourceCountIs('AWS::SES::EmailIdentity', 1);
  });

  it('a created identity puts its three DKIM records in the stack outputs', () => {
    const outputs = data.findOutputs('*');
    expect(Object.keys(outputs).filter((k) => k.startsWith('DkimRecord')).sort()).toEqual(['DkimRecord1', 'DkimRecord2', 'DkimRecord3']);
    expect(JSON.stringify(outputs.DkimRecord1!.Value)).toContain('DkimDNSTokenName1');
  });

  it(`API access logs go to a group under ${ACCESS_LOG_PREFIX} (no growth of the account's log resource policy)`, () => {
    const stage = Object.values(api.findResources('AWS::ApiGatewayV2::Stage'))[0] as Json;
    const groupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    const group = api.toJSON().Resources[groupId];
    expect(group.Properties.LogGroupName).toMatch(new RegExp(`^${ACCESS_LOG_PREFIX}`));
  });
});

describe('4. the environment stays far from Lambda\'s 4 KB; the controller lives in the bundle', () => {
  const LIMIT = 4096;
  const MARGIN = 1024;
  /**
   * Lambda counts keys and values. Values made at deploy time are tokens here: each is counted as
   * 128 characters, more than any name or ARN this app makes (a queue URL is about 100).
   */
  const length = (v: Json): number => {
    if (typeof v === 'string') return v.length;
    if (v?.['Fn::Join']) return (v['Fn::Join'][1] as Json[]).reduce((n: number, p: Json) => n + length(p), 0);
    return 128;
  };
  const envSize = (vars: Record<string, Json>) => Object.entries(vars).reduce((n, [k, v]) => n + k.length + length(v), 0);

  const bigController = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dsr-controller-'));
    const file = path.join(dir, 'controller.json');
    const long = 'Käsittelyn tarkoitus on asiakassuhteen hoitaminen ja tilausten käsittely. '.repeat(60);
    writeFileSync(file, JSON.stringify({ name: 'Esimerkki Oy', processing: { purposes: { fi: long, en: long } } }));
    return { file, long };
  };

  it.each([
    ['defaults', {}],
    ['every option set', { publicBaseUrl: 'https://tietosuoja.esimerkki.fi', contactEmail: 'yhteys@esimerkki.fi', logLevel: 'DEBUG' }],
  ])('with %s, every function\'s environment is at least 1 KB under 4 KB', (_label, context) => {
    const b = build(context);
    const t = Template.fromStack(b.api);
    for (const name of Object.keys(b.api.functions) as (keyof typeof b.api.functions)[]) {
      // Named, so a failure says which function.
      expect({ name, bytes: envSize(fnProps(t, b, name).Environment.Variables) }).toEqual({ name, bytes: expect.any(Number) });
      expect(envSize(fnProps(t, b, name).Environment.Variables)).toBeLessThanOrEqual(LIMIT - MARGIN);
    }
  });

  it('another controller (here 9 KB of notice text) goes into every bundle, checked at synth, and not into the environment', () => {
    const { file, long } = bigController();
    const b = build({ controllerFile: file });
    const t = Template.fromStack(b.api);
    for (const fn of Object.values(b.api.functions)) {
      const bundled = JSON.parse(JSON.parse(fn.define.DSR_BUNDLED_CONTROLLER_JSON!) as string) as Json;
      expect(bundled.processing.purposes.fi).toBe(long);
    }
    expect(JSON.stringify(t.toJSON())).not.toContain('Esimerkki Oy');
    expect(envSize(fnProps(t, b, 'processor').Environment.Variables)).toBeLessThanOrEqual(LIMIT - MARGIN);
    // Without a file nothing is compiled in: the defaults (Wellflix Oy) apply.
    expect(built.api.functions.submit.define).toEqual({});
  });

  it('a controller file the schema refuses fails the synth, naming the field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dsr-controller-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ retentionYears: -1 }));
    expect(() => build({ controllerFile: bad })).toThrow('retentionYears');
    writeFileSync(bad, '{ not json');
    expect(() => build({ controllerFile: bad })).toThrow('not valid JSON');
  });

  it('at cold start the bundled controller is read and checked; CONTROLLER_JSON still wins (local stack, tests)', () => {
    const env = {
      REQUESTS_TABLE: 'r', REGISTER_TABLE: 'g', EXPORTS_BUCKET: 'b', PUBLIC_BASE_URL: 'https://x.example.fi',
      HMAC_KEY: 'k'.repeat(40), SEAL_LOCAL_KEY_PEM: 'pem',
    };
    const g = globalThis as { DSR_BUNDLED_CONTROLLER_JSON?: string };
    try {
      g.DSR_BUNDLED_CONTROLLER_JSON = JSON.stringify({ name: 'Esimerkki Oy' });
      expect(loadConfig(env).controller.name).toBe('Esimerkki Oy');
      expect(loadConfig({ ...env, CONTROLLER_JSON: JSON.stringify({ name: 'Toinen Oy' }) }).controller.name).toBe('Toinen Oy');
      g.DSR_BUNDLED_CONTROLLER_JSON = JSON.stringify({ retentionYears: 0 });
      expect(() => loadConfig(env)).toThrow('retentionYears');
    } finally {
      delete g.DSR_BUNDLED_CONTROLLER_JSON;
    }
    expect(loadConfig(env).controller.name).toBe(wellflix.name);
  });
});

describe('5. surprises', () => {
  const revision = (b: ReturnType<typeof build>) =>
    (fnProps(Template.fromStack(b.api), b, 'submit').Tags as { Key: string; Value: string }[]).find((t) => t.Key === 'dsr:data-revision')?.Value;

  it('DsrApi\'s template changes whenever DsrData\'s inputs do, so its next deploy re-reads the weak references', () => {
    const base = revision(built);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(revision(build())).toBe(base);
    expect(revision(build({ staffDomainPrefix: 'wellflix-staff' }))).not.toBe(base);
    expect(revision(build({ importSenderIdentity: 'true' }))).not.toBe(base);
    expect(revision(build({ senderDomain: 'example.fi', senderEmail: 'privacy@example.fi' }))).not.toBe(base);
    // On every resource that can carry it, so every consumer of a DsrData value is updated.
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', { Tags: Match.arrayWith([{ Key: 'dsr:data-revision', Value: base }]) });
  });

  it('with publicBaseUrl, staff sign in on it alone: one callback, and the console URL output points there', () => {
    const b = build({ publicBaseUrl: 'https://tietosuoja.wellflix.fi' });
    const t = Template.fromStack(b.api);
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://tietosuoja.wellflix.fi/admin'],
      LogoutURLs: ['https://tietosuoja.wellflix.fi/admin'],
    });
    expect(t.findOutputs('StaffConsoleUrl').StaffConsoleUrl!.Value).toBe('https://tietosuoja.wellflix.fi/admin');
    expect(fnProps(t, b, 'pages').Environment.Variables.PUBLIC_BASE_URL).toBe('https://tietosuoja.wellflix.fi');
  });

  it('without alarmEmail the synth warns that alarms reach nobody (and a deploy would drop the subscription)', () => {
    const without = build({ alarmEmail: undefined });
    const warnings = Annotations.fromStack(without.api).findWarning('*', Match.stringLikeRegexp('alarmEmail'));
    expect(warnings).toHaveLength(1);
    expect(Annotations.fromStack(built.api).findWarning('*', Match.stringLikeRegexp('alarmEmail'))).toEqual([]);
  });

  it('cdk deploy does not stop for an IAM approval prompt (the grants are reviewed by the tests)', () => {
    expect(cdkJson.requireApproval).toBe('never');
  });

  it('staff roles: the dsr-viewer and dsr-decider groups in the staff pool', () => {
    for (const group of Object.values(STAFF_GROUPS)) {
      data.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group.name, UserPoolId: { Ref: Match.stringLikeRegexp('^Staff') } });
    }
    expect(Object.values(STAFF_GROUPS).map((g) => g.name).sort()).toEqual(['dsr-decider', 'dsr-viewer']);
  });
});
