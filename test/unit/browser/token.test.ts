/** The console's reading of the staff token: identity and role, imported straight from the browser code. */
import { canDecide, cleanPastedToken, decodeClaims, groupsOf, staffRole, TOKEN_RE, tokenIdentity } from '../../../shared/http/pages/browser/lib/token';

/** An unsigned JWT-shaped token with these claims (the console never verifies: the API does). */
const jwt = (claims: unknown): string =>
  `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

describe('staff token', () => {
  it('reads the payload, UTF-8 and base64url included', () => {
    const claims = { email: 'staff@example.fi', name: 'Äijä Öljy ~?>', 'cognito:groups': ['dsr-decider'] };
    expect(decodeClaims(jwt(claims))).toEqual(claims);
    expect(TOKEN_RE.test(jwt(claims))).toBe(true);
  });

  it('gives null for anything that is not a readable JWT', () => {
    for (const bad of ['', 'abc', 'a.!!!.c', `a.${Buffer.from('[1,2]').toString('base64url')}.c`, `a.${Buffer.from('"x"').toString('base64url')}.c`, 'a..c']) {
      expect(decodeClaims(bad)).toBeNull();
    }
  });

  it('names the person by email, else user name, else subject', () => {
    expect(tokenIdentity({ email: 'a@example.fi', sub: 's' })).toBe('a@example.fi');
    expect(tokenIdentity({ 'cognito:username': 'anna', sub: 's' })).toBe('anna');
    expect(tokenIdentity({ sub: 's-1' })).toBe('s-1');
    expect(tokenIdentity({ email: 42 })).toBe('');
    expect(tokenIdentity(null)).toBe('');
  });

  it('takes the role from cognito:groups: decider over viewer, neither is no access', () => {
    expect(staffRole(decodeClaims(jwt({ 'cognito:groups': ['dsr-decider'] })))).toBe('decider');
    expect(staffRole({ 'cognito:groups': ['dsr-viewer', 'dsr-decider'] })).toBe('decider');
    expect(staffRole({ 'cognito:groups': ['dsr-viewer'] })).toBe('viewer');
    expect(staffRole({ 'cognito:groups': ['staff'] })).toBe('none');
    expect(staffRole({ 'cognito:groups': [] })).toBe('none');
    expect(staffRole({ email: 'a@example.fi' })).toBe('none');
    expect(staffRole({ 'cognito:groups': 'dsr-decider-not' })).toBe('none');
    expect(staffRole(null)).toBe('none');
    // A gateway that flattens the claim to a string.
    expect(groupsOf({ 'cognito:groups': '[dsr-viewer dsr-decider]' })).toEqual(['dsr-viewer', 'dsr-decider']);
    expect(staffRole({ 'cognito:groups': 'dsr-viewer' })).toBe('viewer');
  });

  it('offers decisions to deciders only', () => {
    expect(canDecide('decider')).toBe(true);
    expect(canDecide('viewer')).toBe(false);
    expect(canDecide('none')).toBe(false);
  });

  it('takes a pasted token as people paste it', () => {
    expect(cleanPastedToken('  Bearer abc.def.ghi \n')).toBe('abc.def.ghi');
    expect(cleanPastedToken('bearer   x')).toBe('x');
    expect(TOKEN_RE.test('abc def')).toBe(false);
    expect(TOKEN_RE.test('x'.repeat(4097))).toBe(false);
  });
});
