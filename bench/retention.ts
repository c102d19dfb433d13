/**
 * The daily sweep's read cost on a large register, beside a full Scan of the same table.
 * 100,000 customers, of whom 100 ended their relationship 11 years ago (due); the rest are active
 * (not in the sparse retention index) or ended recently (in the index, not yet due).
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { s3ExportFiles } from '../shared/adapters/s3-exports';
import { dynamoRegisterStore } from '../shared/adapters/dynamodb-register';
import { dynamoRequestStore } from '../shared/adapters/dynamodb-requests';
import { sesMailer } from '../shared/adapters/ses-mailer';
import { RETENTION_KEY, registerTable, requestsTable } from '../shared/adapters/tables';
import { wellflix } from '../shared/config';
import { addCalendarYears } from '../shared/domain/deadline';
import { normaliseEmail } from '../shared/domain/email';
import { emailHmac } from '../shared/domain/token';
import type { Customer } from '../shared/domain/types';
import { localAwsCredentials, localRegion, s3ClientConfig } from '../shared/local/emulators';
import { ensureTable } from '../shared/local/provision';
import { seedRegister } from '../shared/local/register-file';
import { runRetention } from '../shared/services/retention';
import { BENCH_HMAC_KEY, dropTables, meteredDynamo, nowMs, parallelBatchWrite, round } from './util';

export const RATIO_GOAL = 100;

export interface RetentionResult {
  customers: number;
  due: number;
  /** Read capacity the whole sweep consumed (every table), and the register's share. */
  readUnits: number;
  registerReadUnits: number;
  /** Of those, what finding the due records cost (queries on the sparse index). */
  indexReadUnits: number;
  writeUnits: number;
  scanReadUnits: number;
  ratio: number;
  /** Scan beside the index queries alone: what the index saves over a Scan-based search. */
  findRatio: number;
  /** Items read: the sweep's GetItem/Query results beside the Scan's items. */
  scanItems: number;
  sweepCalls: Record<string, number>;
  erased: number;
  seedSeconds: number;
  ok: boolean;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** A register profile as the adapter's upsert writes it (shared/adapters/dynamodb-register.ts). */
const profileItem = (i: number, now: number): Record<string, unknown> => {
  const customerId = `bench-${String(i).padStart(6, '0')}`;
  const email = `customer${i}@example.fi`;
  // One in ten ended in the last 1-9 years: in the retention index, due years from now.
  const ended = i % 10 === 0 ? new Date(now - (1 + (i % 9)) * YEAR_MS).toISOString() : undefined;
  return {
    pk: `CUST#${customerId}`,
    sk: 'PROFILE',
    customerId,
    emailHash: emailHmac(BENCH_HMAC_KEY, normaliseEmail(email)),
    firstName: 'Asiakas',
    lastName: `Esimerkki ${i}`,
    ...(i % 4 === 0 ? { organization: `Yritys ${i % 997} Oy` } : {}),
    email,
    phone: `+35840${String(i).padStart(7, '0')}`,
    postalAddress: { street: `Esimerkkikatu ${i % 200}`, postalCode: '02150', city: 'Espoo', country: 'FI' },
    ipAddresses: [`192.0.2.${i % 250}`],
    ...(ended
      ? { relationshipEndedAt: ended, retentionKey: RETENTION_KEY, retentionDueAt: addCalendarYears(new Date(ended), wellflix.retentionYears).toISOString() }
      : {}),
  };
};

/** Every customer has a history, as in the register file: two paid orders, as the adapter stores them. */
const ORDERS_PER_CUSTOMER = 2;
const orderItem = (i: number, n: number, now: number): Record<string, unknown> => {
  const customerId = `bench-${String(i).padStart(6, '0')}`;
  const orderedAt = new Date(now - (1 + (i % 5)) * YEAR_MS - n * 86_400_000).toISOString();
  const orderId = `o-${i}-${n}`;
  return {
    pk: `CUST#${customerId}`,
    sk: `ORDER#${orderId}`,
    customerId,
    orderId,
    orderedAt,
    total: 49.9,
    currency: 'EUR',
    items: [{ name: 'Wellflix vuosijäsenyys', quantity: 1, unitPrice: 49.9 }],
    invoice: { invoiceId: `INV-${i}-${n}`, issuedAt: orderedAt.slice(0, 10), dueDate: orderedAt.slice(0, 10), status: 'paid' },
  };
};

/** Due customers go through the real adapter (seedRegister), two paid orders each, invoices long past their 6 years. */
const dueCustomer = (i: number, now: number): Customer => {
  const ended = new Date(now - 11 * YEAR_MS);
  const orderedAt = new Date(now - 13 * YEAR_MS).toISOString();
  return {
    customerId: `bench-due-${String(i).padStart(4, '0')}`,
    firstName: 'Entinen',
    lastName: `Asiakas ${i}`,
    email: `former${i}@example.fi`,
    phone: `+35850${String(i).padStart(7, '0')}`,
    postalAddress: { street: 'Vanhatie 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
    relationshipEndedAt: ended.toISOString(),
    orders: [1, 2].map((n) => ({
      orderId: `due-${i}-${n}`,
      orderedAt,
      total: 49.9,
      currency: 'EUR',
      items: [{ name: 'Wellflix vuosijäsenyys', quantity: 1, unitPrice: 49.9 }],
      invoice: { invoiceId: `INV-due-${i}-${n}`, issuedAt: orderedAt, dueDate: orderedAt, status: 'paid' as const },
    })),
  };
};

const SCAN_SEGMENTS = 8;

export const measureRetention = async (
  endpoints: { dynamodb: string; s3: string; ses: string },
  bucket: string,
  opts: { customers?: number; due?: number; log?: (s: string) => void } = {},
): Promise<RetentionResult> => {
  const customers = opts.customers ?? 100_000;
  const due = opts.due ?? 100;
  const log = opts.log ?? (() => undefined);
  const tables = { register: 'bench-retention-register', requests: 'bench-retention-requests' };
  const { client, doc, meter } = meteredDynamo(endpoints.dynamodb);
  try {
    await ensureTable(client, tables.register, registerTable);
    await ensureTable(client, tables.requests, requestsTable);
    const now = Date.now();

    const t0 = nowMs();
    const perCustomer = 1 + ORDERS_PER_CUSTOMER;
    await parallelBatchWrite(
      doc,
      tables.register,
      (customers - due) * perCustomer,
      (j) => {
        const i = Math.floor(j / perCustomer);
        const k = j % perCustomer;
        return k === 0 ? profileItem(i, now) : orderItem(i, k, now);
      },
      8,
    );
    const register = dynamoRegisterStore(doc, tables.register);
    const dueList = Array.from({ length: due }, (_, i) => dueCustomer(i, now));
    await seedRegister(register, dueList, BENCH_HMAC_KEY, wellflix.retentionYears);
    const seedSeconds = (nowMs() - t0) / 1000;
    log(`seeded ${customers} customers (${due} due) in ${seedSeconds.toFixed(0)} s`);

    // A full Scan, eventually consistent (the cheaper kind), summing every page's capacity. In
    // segments: a parallel Scan reads the same items for the same units, and DynamoDB Local pages
    // through one long Scan in time that grows with its offset (about 4 minutes for 300,000 items).
    meter.reset();
    const t1 = nowMs();
    let scanItems = 0;
    await Promise.all(
      Array.from({ length: SCAN_SEGMENTS }, async (_, segment) => {
        let start: Record<string, unknown> | undefined;
        do {
          const res = await client.send(
            new ScanCommand({ TableName: tables.register, ExclusiveStartKey: start as never, ProjectionExpression: 'pk', Segment: segment, TotalSegments: SCAN_SEGMENTS }),
          );
          scanItems += res.ScannedCount ?? 0;
          start = res.LastEvaluatedKey;
        } while (start);
      }),
    );
    const scanReadUnits = meter.readUnits;
    log(`scanned ${scanItems} items in ${((nowMs() - t1) / 1000).toFixed(0)} s`);
    const t2 = nowMs();

    meter.reset();
    const summary = await runRetention(
      {
        requests: dynamoRequestStore(doc, tables.requests),
        register,
        files: s3ExportFiles(new S3Client(s3ClientConfig(endpoints.s3)), bucket),
        mailer: sesMailer(new SESv2Client({ endpoint: endpoints.ses, region: localRegion, credentials: localAwsCredentials }), 'tietosuoja+bench@wellflix.fi'),
        clock: { now: () => new Date() },
        config: { controller: wellflix, publicBaseUrl: 'http://127.0.0.1', unverifiedExpiryDays: 7 },
      },
      new Date(),
    );
    log(`swept in ${((nowMs() - t2) / 1000).toFixed(1)} s`);
    const ratio = scanReadUnits / meter.readUnits;
    return {
      customers,
      due,
      readUnits: round(meter.readUnits, 1),
      registerReadUnits: round(meter.byTable[tables.register]?.readUnits ?? 0, 1),
      indexReadUnits: round(meter.byIndex.byRetentionDue ?? 0, 1),
      writeUnits: round(meter.writeUnits, 1),
      scanReadUnits: round(scanReadUnits, 1),
      ratio: round(ratio, 1),
      findRatio: round(scanReadUnits / (meter.byIndex.byRetentionDue ?? NaN), 0),
      scanItems,
      sweepCalls: { ...meter.calls },
      erased: summary.erased,
      seedSeconds: round(seedSeconds, 0),
      ok: ratio >= RATIO_GOAL && summary.erased === due,
    };
  } finally {
    await dropTables(client, Object.values(tables));
    client.destroy();
  }
};
