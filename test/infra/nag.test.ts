import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../infra/build';

/**
 * cdk-nag 3 is a policy-validation plugin, not an Aspect: findings no longer surface as
 * Annotations but in the validation report (an unacknowledged one fails `app.synth()` once the
 * packs are registered with `Validations.of(app).addPlugins`). Here each pack checks each stack
 * through `validateScope`, its entry point for tests: same rules, same acknowledgements, and
 * seconds faster than a synth with plugins. Acknowledgements are
 * `Validations.of(construct).acknowledge(...)`, next to the resource they concern.
 */
const cdkJson = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
// With an alarm email, so the optional subscription is checked too.
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], alarmEmail: 'ops@example.fi' } });
const { data, api } = buildApp(app);
const packs = (): NagPack[] => [new AwsSolutionsChecks(), new ServerlessChecks()];

describe('cdk-nag', () => {
  it.each([
    ['DsrData', data],
    ['DsrApi', api],
  ])('%s: AwsSolutions and Serverless report no unacknowledged finding', (_name, stack) => {
    for (const pack of packs()) {
      const report = pack.validateScope(stack);
      const findings = report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`);
      expect(findings).toEqual([]);
    }
  });

  it('synth leaves no warnings or errors', () => {
    app.synth();
    for (const stack of [data, api]) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    }
  });

  it('every acknowledgement is needed: each silences a finding on a resource at or below the construct that carries it', () => {
    // Records, for each acknowledgement the packs consult and find, the construct that carries it.
    const used = new Set<string>();
    const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
    const carrier = (resource: IConstruct, ruleId: string): IConstruct | undefined => {
      for (let c: IConstruct | undefined = resource; c; c = c.node.scope) {
        for (const m of c.node.metadata) {
          if (m.type === key && m.data && Object.keys(m.data as object).some((k) => k.replace(/^annotation::/i, '') === ruleId)) return c;
        }
      }
      return undefined;
    };
    for (const stack of [data, api]) {
      for (const pack of packs()) {
        const spied = pack as unknown as { isAcknowledged: (r: IConstruct, ruleId: string) => boolean };
        const original = spied.isAcknowledged.bind(pack);
        spied.isAcknowledged = (resource, ruleId) => {
          const found = original(resource, ruleId);
          const c = found ? carrier(resource, ruleId) : undefined;
          if (c) used.add(`${c.node.path} ${ruleId}`);
          return found;
        };
        pack.validateScope(stack);
      }
    }
    const given = app.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === key)
          .flatMap((m) => Object.keys(m.data as Record<string, string>).map((rule) => `${c.node.path} ${rule.replace(/^annotation::/i, '')}`)),
      );
    expect(given.length).toBeGreaterThan(0);
    expect(given.filter((g) => !used.has(g))).toEqual([]);
  });

  it('every acknowledgement names its rule and gives a reason a reviewer can check', () => {
    const acknowledgements = app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [rule, reason] of acknowledgements) {
      expect(rule).toMatch(/(AwsSolutions|Serverless)-[A-Za-z0-9]+/);
      // A sentence with a because, not "not needed".
      expect(reason.length).toBeGreaterThan(60);
    }
  });
});
