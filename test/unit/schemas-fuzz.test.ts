import fc from 'fast-check';
import { EnvSchema, loadConfig, ConfigError } from '../../shared/config';
import { DecisionInputSchema } from '../../shared/domain/decision-input.schema';
import { RequestInputSchema } from '../../shared/domain/request-input.schema';
import { VerifyInputSchema } from '../../shared/domain/verify-input.schema';
import { RegisterFileSchema } from '../../shared/local/register-file';

/**
 * Every zod schema at an edge of the product, fed arbitrary values: it answers (never throws), and
 * what it accepts keeps the schema's promises. RequestInputSchema has its own, deeper properties in
 * request-input.test.ts.
 */
const anything = fc.oneof(fc.jsonValue(), fc.object(), fc.anything({ withNullPrototype: true, withObjectString: true }));

const answers = (schema: { safeParse(v: unknown): { success: boolean } }) =>
  fc.assert(
    fc.property(anything, (v) => {
      const r = schema.safeParse(v);
      expect(typeof r.success).toBe('boolean');
    }),
    { numRuns: 300 },
  );

describe('every edge schema answers any value without throwing', () => {
  test.each([
    ['RequestInputSchema', RequestInputSchema],
    ['VerifyInputSchema', VerifyInputSchema],
    ['DecisionInputSchema', DecisionInputSchema],
    ['RegisterFileSchema', RegisterFileSchema],
    ['EnvSchema', EnvSchema],
  ] as const)('%s', (_name, schema) => answers(schema));
});

test('DecisionInputSchema: whatever it accepts is one of the three decisions, and refuse/extend carry a reason', () => {
  fc.assert(
    fc.property(
      fc.record({ decision: fc.oneof(fc.constantFrom('approve', 'refuse', 'extend'), fc.string()), reason: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: [] }),
      (v) => {
        const r = DecisionInputSchema.safeParse(v);
        if (!r.success) return;
        expect(['approve', 'refuse', 'extend']).toContain(r.data.decision);
        if (r.data.decision !== 'approve') expect(r.data.reason?.trim()).toBeTruthy();
      },
    ),
  );
});

test('VerifyInputSchema: accepts exactly an object with one token string of at most 200 characters', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string({ maxLength: 300 }), fc.integer())), (v) => {
      const r = VerifyInputSchema.safeParse(v);
      const expected = Object.keys(v).length === 1 && typeof v.token === 'string' && v.token.length <= 200;
      expect(r.success).toBe(expected);
    }),
  );
});

test('loadConfig on arbitrary environments: a Config or a ConfigError, nothing else', () => {
  const envArb = fc.dictionary(
    fc.constantFrom(...Object.keys(EnvSchema.shape), 'OTHER'),
    fc.oneof(fc.string(), fc.constantFrom('eu-north-1', 'us-east-1', 'https://x.example', '{}', 'null', 'a'.repeat(40))),
  );
  fc.assert(
    fc.property(envArb, (env) => {
      try {
        const cfg = loadConfig(env);
        expect(cfg.region).toMatch(/^eu-/);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
      }
    }),
    { numRuns: 500 },
  );
});
