/**
 * Staff roles and identity, the pure rules and the one edge gate every staff handler calls: what
 * the claims must say for a member to read or decide, in every form Cognito and API Gateway send
 * them, and which claims may name the member in the audit trail.
 */
import fc from 'fast-check';
import { DomainError } from '../../shared/domain/errors';
import { parseGroups, rolesOf, staffActor, staffEventData, staffFromClaims } from '../../shared/domain/staff';
import type { HttpEvent } from '../../shared/http/edge';
import { requireRole, staffIdentity } from '../../shared/http/event';

const SUB = '3f1c9a52-7d0e-4b8a-9c61-2e5f0a7b4d13';
const event = (claims?: Record<string, unknown>): HttpEvent =>
  ({ requestContext: { http: { sourceIp: '192.0.2.1' }, ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}) } }) as unknown as HttpEvent;

const refusal = (fn: () => unknown): { status: number; code: string } | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { status: err.status, code: err.code };
  }
};

describe('parseGroups: every form the groups claim arrives in', () => {
  test.each<[string, unknown, string[]]>([
    ['an array (the token itself, the local stack)', ['dsr-viewer', 'dsr-decider'], ['dsr-viewer', 'dsr-decider']],
    ['API Gateway\'s flattened array', '[dsr-decider dsr-viewer]', ['dsr-decider', 'dsr-viewer']],
    ['API Gateway\'s flattened array of one', '[dsr-viewer]', ['dsr-viewer']],
    ['a JSON array text', '["dsr-viewer","other"]', ['dsr-viewer', 'other']],
    ['a comma-separated list', 'dsr-viewer,dsr-decider', ['dsr-viewer', 'dsr-decider']],
    ['a single group', 'dsr-decider', ['dsr-decider']],
    ['an empty flattened array', '[]', []],
    ['an empty string', '', []],
    ['a number', 42, []],
    ['an object', { 0: 'dsr-decider' }, []],
    ['nothing', undefined, []],
    ['broken JSON', '["dsr-decider"', ['["dsr-decider"']],
    ['an array with non-strings', ['dsr-viewer', 7, null, ''], ['dsr-viewer']],
  ])('%s', (_, claim, groups) => {
    expect(parseGroups(claim)).toEqual(groups);
  });

  test('the flattened form and the array name the same groups (fast-check)', () => {
    const group = fc.stringMatching(/^[A-Za-z0-9_:-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(group, { maxLength: 6 }), (groups) => {
        expect(parseGroups(`[${groups.join(' ')}]`)).toEqual(groups);
        expect(parseGroups(JSON.stringify(groups))).toEqual(groups);
        expect(parseGroups(groups)).toEqual(groups);
      }),
    );
  });

  test('no text grants a role unless it names the group exactly (fast-check)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const roles = rolesOf(parseGroups(s));
        const names = s.split(/[\s,[\]"]+/);
        if (roles.includes('decider')) expect(names).toContain('dsr-decider');
        else if (roles.includes('viewer')) expect(names).toContain('dsr-viewer');
      }),
    );
  });
});

describe('rolesOf', () => {
  test('a decider also views; a viewer only views; other groups grant nothing; case matters', () => {
    expect(rolesOf(['dsr-decider'])).toEqual(['viewer', 'decider']);
    expect(rolesOf(['dsr-viewer', 'dsr-decider'])).toEqual(['viewer', 'decider']);
    expect(rolesOf(['dsr-viewer'])).toEqual(['viewer']);
    expect(rolesOf(['staff', 'admin', 'DSR-DECIDER', 'dsr-decider '])).toEqual([]);
    expect(rolesOf([])).toEqual([]);
  });
});

describe('staffFromClaims: the audit names a member by sub and a verified email only', () => {
  test('sub, the verified email and the roles', () => {
    expect(staffFromClaims({ sub: SUB, email: 'sanna@wellflix.fi', email_verified: true, 'cognito:groups': ['dsr-decider'] })).toEqual({
      sub: SUB, email: 'sanna@wellflix.fi', roles: ['viewer', 'decider'],
    });
  });

  test('email_verified as API Gateway passes it, the text "true"', () => {
    expect(staffFromClaims({ sub: SUB, email: 'sanna@wellflix.fi', email_verified: 'true', 'cognito:groups': '[dsr-viewer]' })).toEqual({
      sub: SUB, email: 'sanna@wellflix.fi', roles: ['viewer'],
    });
  });

  test.each<[string, Record<string, unknown>]>([
    ['email_verified false', { email_verified: false }],
    ['email_verified "false"', { email_verified: 'false' }],
    ['email_verified missing', { email_verified: undefined }],
    ['email_verified "yes"', { email_verified: 'yes' }],
    ['email_verified 1', { email_verified: 1 }],
  ])('an email that is not verified is left out: %s', (_, over) => {
    const m = staffFromClaims({ sub: SUB, email: 'mallory@example.test', email_verified: true, 'cognito:groups': ['dsr-decider'], ...over });
    expect(m).toEqual({ sub: SUB, roles: ['viewer', 'decider'] });
  });

  test('claims a user can edit never name the member: username, name, custom attributes', () => {
    const m = staffFromClaims({
      sub: SUB, 'cognito:username': 'erno.polus@wellflix.fi', name: 'Erno Polus', 'custom:email': 'erno.polus@wellflix.fi',
      email: 'mallory@example.test', email_verified: false, 'cognito:groups': ['dsr-decider'],
    });
    expect(m).toEqual({ sub: SUB, roles: ['viewer', 'decider'] });
    expect(JSON.stringify(m)).not.toContain('erno');
  });

  test.each<[string, unknown]>([
    ['missing', undefined],
    ['empty', ''],
    ['an address', 'erno.polus@wellflix.fi'],
    ['a number', 42],
    ['too long', 'a'.repeat(129)],
    ['with spaces', 'a b'],
    ['with a newline', 'abc\ndef'],
  ])('no member without a usable sub: %s', (_, sub) => {
    expect(staffFromClaims({ sub, email: 'sanna@wellflix.fi', email_verified: true, 'cognito:groups': ['dsr-decider'] })).toBeUndefined();
  });

  test('the actor and its event data', () => {
    expect(staffActor({ sub: SUB })).toBe(`staff:${SUB}`);
    expect(staffEventData({ email: 'sanna@wellflix.fi' })).toEqual({ staffEmail: 'sanna@wellflix.fi' });
    expect(staffEventData({})).toEqual({});
  });
});

describe('requireRole: the gate of every staff handler', () => {
  const decider = { sub: SUB, email: 'sanna@wellflix.fi', email_verified: true, 'cognito:groups': ['dsr-decider'] };
  const viewer = { ...decider, 'cognito:groups': ['dsr-viewer'] };

  test('a decider may read and decide', () => {
    expect(requireRole(event(decider), 'viewer').sub).toBe(SUB);
    expect(requireRole(event(decider), 'decider')).toEqual({ sub: SUB, email: 'sanna@wellflix.fi', roles: ['viewer', 'decider'] });
  });

  test('a viewer may read; a viewer\'s write is 403 forbidden', () => {
    expect(requireRole(event(viewer), 'viewer').roles).toEqual(['viewer']);
    expect(refusal(() => requireRole(event(viewer), 'decider'))).toEqual({ status: 403, code: 'forbidden' });
  });

  test('API Gateway\'s flattened groups grant the same', () => {
    expect(requireRole(event({ ...decider, 'cognito:groups': '[dsr-viewer dsr-decider]', email_verified: 'true' }), 'decider').email).toBe('sanna@wellflix.fi');
    expect(refusal(() => requireRole(event({ ...decider, 'cognito:groups': '[dsr-viewer]' }), 'decider'))).toEqual({ status: 403, code: 'forbidden' });
  });

  test.each<[string, unknown]>([
    ['no groups claim', undefined],
    ['an empty group list', []],
    ['the old catch-all group', ['staff']],
    ['a look-alike group', '[dsr-deciders]'],
  ])('a signed-in user in neither group is refused reading and deciding: %s', (_, groups) => {
    const e = event({ ...decider, 'cognito:groups': groups });
    expect(refusal(() => requireRole(e, 'viewer'))).toEqual({ status: 403, code: 'forbidden' });
    expect(refusal(() => requireRole(e, 'decider'))).toEqual({ status: 403, code: 'forbidden' });
  });

  test('no claims, or claims without a sub: 401, whatever the groups say', () => {
    expect(refusal(() => requireRole(event(), 'viewer'))).toEqual({ status: 401, code: 'unauthorized' });
    expect(refusal(() => staffIdentity(event({ email: 'x@wellflix.fi', email_verified: true, 'cognito:groups': ['dsr-decider'] })))).toEqual({ status: 401, code: 'unauthorized' });
  });
});
