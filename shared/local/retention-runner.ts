import type { Config } from '../config';
import { runRetention, type RetentionSummary } from '../services/retention';
import { wireRetention } from '../wiring-retention';

/** Runs the scheduled job once against the local stack, as if the time were `now`. */
export const runRetentionOnce = (cfg: Config, now: Date): Promise<RetentionSummary> =>
  runRetention({ ...wireRetention(cfg), clock: { now: () => now } }, now);
