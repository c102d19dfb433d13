import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Signer } from '../domain/seal';
import { verifyDigest } from './signer-local';

/** Seals signed by an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY); verified locally with its public key. */
export const kmsSigner = (kms: KMSClient, keyId: string): Signer => {
  let publicKey: KeyObject | undefined;
  return {
    async sign(digestHex) {
      const res = await kms.send(
        new SignCommand({ KeyId: keyId, Message: Buffer.from(digestHex, 'utf8'), MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
      );
      if (!res.Signature) throw new Error('KMS returned no signature');
      return { keyId: res.KeyId ?? keyId, signature: Buffer.from(res.Signature).toString('base64') };
    },
    async verify(digestHex, signature) {
      if (!publicKey) {
        const res = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
        if (!res.PublicKey) throw new Error('KMS returned no public key');
        publicKey = createPublicKey({ key: Buffer.from(res.PublicKey), format: 'der', type: 'spki' });
      }
      return verifyDigest(publicKey, digestHex, signature);
    },
  };
};
