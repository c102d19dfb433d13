import type { ExportFiles } from '../domain/ports';
import { needsDecision } from '../domain/state';
import type { DsrRequest } from '../domain/types';
import { decisionWork, decisionPendingWork } from './decisions';
import { exportWork } from './exports';
import type { ProcessorDeps } from './processor';

/**
 * What happens to a verified request once it is sealed and the contact person is told, and how
 * decisions are applied: access and portability build an export; the rights that change the
 * register wait for a decision (an objection to direct marketing takes effect at once).
 */
export const flows = (files: ExportFiles): Pick<ProcessorDeps, 'verifiedWork' | 'decisionWork'> => {
  const exports = exportWork(files);
  return {
    verifiedWork: (deps: ProcessorDeps, r: DsrRequest) => (needsDecision(r.type) ? decisionPendingWork(deps, r) : exports(deps, r)),
    decisionWork: (deps: ProcessorDeps, r: DsrRequest) => decisionWork(files)(deps, r),
  };
};
