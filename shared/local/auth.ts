import { createPrivateKey, createPublicKey } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';

/**
 * The local staff token issuer: ES256 JWTs, checked by the local server as API Gateway's JWT
 * authorizer checks Cognito's, and handed to handlers the same way (requestContext.authorizer.jwt).
 */
export const LOCAL_ISSUER = 'https://local.dsr/staff';
export const LOCAL_AUDIENCE = 'dsr-staff';

export const issueStaffToken = async (privateKeyPem: string, email: string, hours = 8): Promise<string> =>
  new SignJWT({ email, 'cognito:groups': ['dsr-decider'] })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject(email)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${hours}h`)
    .sign(createPrivateKey(privateKeyPem));

export const staffVerifier = (privateKeyPem: string) => {
  const publicKey = createPublicKey(createPrivateKey(privateKeyPem));
  return async (authorization: string | undefined): Promise<JWTPayload | undefined> => {
    const m = /^Bearer ([A-Za-z0-9_.-]{1,4096})$/.exec(authorization ?? '');
    if (!m?.[1]) return undefined;
    try {
      const { payload } = await jwtVerify(m[1], publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['ES256'] });
      return payload;
    } catch {
      return undefined;
    }
  };
};
