import { KMSClient } from '@aws-sdk/client-kms';
import type { Config } from './config';
import { documentClient } from './adapters/clients';
import { dynamoRegisterReader, dynamoRegisterStore } from './adapters/dynamodb-register';
import { dynamoRequestStore } from './adapters/dynamodb-requests';
import { sesClient, sesMailer } from './adapters/ses-mailer';
import { kmsSigner } from './adapters/signer-kms';
import { localSigner } from './adapters/signer-local';
import { baseClientConfig } from './adapters/clients';
import { systemClock, type Mailer, type RegisterReader, type RegisterStore, type RequestStore } from './domain/ports';
import { dynamoRateLimiter } from './adapters/dynamodb-rate-limiter';
import type { IntakeDeps } from './services/intake';
import type { Signer } from './domain/seal';

/*
 * Builds the real adapters from configuration, once per cold start. Each handler takes what it
 * needs, and only what it wires is bundled with it.
 */

/** The request store alone, for functions that never read the register. */
export const wireRequests = (cfg: Config): RequestStore => dynamoRequestStore(documentClient(cfg), cfg.tables.requests);

/** The request store and the register's reads: the staff API changes no register data itself. */
export const wireReadStores = (cfg: Config): { requests: RequestStore; register: RegisterReader } => {
  const ddb = documentClient(cfg);
  return { requests: dynamoRequestStore(ddb, cfg.tables.requests), register: dynamoRegisterReader(ddb, cfg.tables.register) };
};

export const wireStores = (cfg: Config): { requests: RequestStore; register: RegisterStore } => {
  const ddb = documentClient(cfg);
  return { requests: dynamoRequestStore(ddb, cfg.tables.requests), register: dynamoRegisterStore(ddb, cfg.tables.register) };
};

/** What intake needs: the request store, the abuse limits and the email key. */
export const wireIntake = (cfg: Config): IntakeDeps => {
  const ddb = documentClient(cfg);
  return {
    requests: dynamoRequestStore(ddb, cfg.tables.requests),
    limiter: dynamoRateLimiter(ddb, cfg.tables.requests),
    limits: cfg.rateLimits,
    clock: systemClock,
    hmacKey: cfg.hmacKey,
  };
};

export const wireMailer = (cfg: Config): Mailer => sesMailer(sesClient(cfg), cfg.senderEmail, cfg.sesConfigurationSet);

export const wireSigner = (cfg: Config): Signer =>
  cfg.seal.kind === 'kms' ? kmsSigner(new KMSClient(baseClientConfig(cfg, undefined)), cfg.seal.keyId) : localSigner(cfg.seal.privateKeyPem);
