/**
 * Enumeration: does `POST /requests` answer an address in the register any differently from one
 * that is not? Status, headers and body shape are checked on every answer; the figure is the
 * difference of the median latencies over 200 of each, sent one at a time in alternating order.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoRegisterStore } from '../shared/adapters/dynamodb-register';
import { registerTable, requestsTable } from '../shared/adapters/tables';
import { wellflix } from '../shared/config';
import { ensureTable } from '../shared/local/provision';
import { seedRegister } from '../shared/local/register-file';
import { startAppProcess } from './submit';
import { BENCH_HMAC_KEY, dropTables, median, nowMs, round } from './util';

export const ENUMERATION_GOAL_PCT = 10;

export interface EnumerationResult {
  runs: number;
  knownMedianMs: number;
  unknownMedianMs: number;
  medianDiffPct: number;
  /** Every answer 202, same headers (but date and length) and same body keys. */
  identical: boolean;
  ok: boolean;
}

const KNOWN = 'maija.bench@example.fi';
const UNKNOWN = 'nobody.bench@example.fi';

export const measureEnumeration = async (
  endpoints: { dynamodb: string; s3: string; ses: string },
  bucket: string,
  ddb: DynamoDBClient,
  runs = 200,
): Promise<EnumerationResult> => {
  const prefix = 'bench-enum-';
  const tables = { requests: `${prefix}requests`, register: `${prefix}register` };
  await ensureTable(ddb, tables.requests, requestsTable);
  await ensureTable(ddb, tables.register, registerTable);
  await seedRegister(
    dynamoRegisterStore(DynamoDBDocumentClient.from(ddb), tables.register),
    [{ customerId: 'c-bench', firstName: 'Maija', lastName: 'Meikäläinen', email: KNOWN, relationshipEndedAt: null, orders: [] }],
    BENCH_HMAC_KEY,
    wellflix.retentionYears,
  );
  const app = await startAppProcess({ ...endpoints, bucket, prefix, hmacKey: BENCH_HMAC_KEY });
  const shape = (h: Headers) => JSON.stringify([...h.entries()].filter(([k]) => !['date', 'content-length'].includes(k)));
  let reference: string | undefined;
  let identical = true;
  const send = async (email: string): Promise<number> => {
    const body = JSON.stringify({
      type: 'access', language: 'fi', email, firstName: 'Maija', lastName: 'Meikäläinen',
      signature: { fullName: 'Maija Meikäläinen', declaration: true },
    });
    const t = nowMs();
    const res = await fetch(`${app.url}/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await res.json()) as Record<string, unknown>;
    const ms = nowMs() - t;
    const seen = `${res.status} ${shape(res.headers)} ${Object.keys(json).join(',')}`;
    reference ??= seen;
    if (res.status !== 202 || seen !== reference) identical = false;
    return ms;
  };
  try {
    for (let i = 0; i < 20; i++) await send(i % 2 ? KNOWN : UNKNOWN);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither side always follows the other's stream work.
      if (i % 2) {
        known.push(await send(KNOWN));
        unknown.push(await send(UNKNOWN));
      } else {
        unknown.push(await send(UNKNOWN));
        known.push(await send(KNOWN));
      }
    }
    const k = median(known);
    const u = median(unknown);
    const diff = (Math.abs(k - u) / Math.min(k, u)) * 100;
    return {
      runs,
      knownMedianMs: round(k, 2),
      unknownMedianMs: round(u, 2),
      medianDiffPct: round(diff, 1),
      identical,
      ok: identical && diff < ENUMERATION_GOAL_PCT,
    };
  } finally {
    await app.stop();
    await dropTables(ddb, [tables.requests, tables.register]);
  }
};
