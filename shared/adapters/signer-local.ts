import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Signer } from '../domain/seal';

/**
 * The signed message is the digest's hex text, signed with ECDSA P-256 over SHA-256: exactly what
 * KMS does for `Sign` with MessageType RAW and ECDSA_SHA_256. So one verify routine, given the
 * public key, checks seals made in AWS and in the local stack alike.
 */
export const verifyDigest = (publicKey: KeyObject, digestHex: string, signatureB64: string): boolean =>
  verify('sha256', Buffer.from(digestHex, 'utf8'), { key: publicKey, dsaEncoding: 'der' }, Buffer.from(signatureB64, 'base64'));

/** The local stack's seal signer: a PEM key kept in the data directory. */
export const localSigner = (privateKeyPem: string, keyId = 'local-seal-key'): Signer => {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  return {
    async sign(digestHex) {
      const signature = sign('sha256', Buffer.from(digestHex, 'utf8'), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
      return { keyId, signature };
    },
    async verify(digestHex, signature) {
      return verifyDigest(publicKey, digestHex, signature);
    },
  };
};
