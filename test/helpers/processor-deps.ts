import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../shared/config';
import { s3ClientConfig, s3ExportFiles } from '../../shared/adapters/s3-exports';
import { systemClock, type ExportFiles } from '../../shared/domain/ports';
import { makeLogger } from '../../shared/logger';
import { flows } from '../../shared/services/flows';
import type { ProcessorDeps } from '../../shared/services/processor';
import { wireMailer, wireSigner, wireStores } from '../../shared/wiring';

/** The processor's dependencies wired exactly as functions/processor/handler.ts does, for tests that drive it directly. */
export const processorDeps = (cfg: Config, wrap: <T extends object>(name: string, port: T) => T = (_n, p) => p): ProcessorDeps => {
  const stores = wireStores(cfg);
  const files = wrap<ExportFiles>('files', s3ExportFiles(new S3Client(s3ClientConfig(cfg)), cfg.exportsBucket));
  return {
    requests: wrap('requests', stores.requests),
    register: wrap('register', stores.register),
    mailer: wrap('mailer', wireMailer(cfg)),
    signer: wrap('signer', wireSigner(cfg)),
    clock: systemClock,
    config: cfg,
    logger: makeLogger('test-processor'),
    ...flows(files),
  };
};

export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

/**
 * Wraps every port so that the k-th I/O call (counted across all ports) throws instead of running:
 * the process "dies" just before that operation. Returns the wrapper and what was hit.
 */
export const crashAt = (k: number) => {
  let calls = 0;
  let last: string | undefined;
  const hit: { at?: string; after?: string } = {};
  const wrap = <T extends object>(name: string, port: T): T =>
    new Proxy(port, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          calls++;
          const here = `${name}.${String(prop)}`;
          if (calls === k) {
            hit.at = here;
            if (last) hit.after = last;
            throw new InjectedCrash(`crash before ${here}`);
          }
          last = here;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return { wrap, hit };
};
