/**
 * `npm run bench`: every performance figure of the project, in one run on this machine.
 * Writes bench/results.json (all figures and their inputs) and bench/RESULTS.md (the table), and
 * prints the table. Times are ratios to a baseline measured in the same run (medians of several
 * runs), because the machines here are shared and noisy.
 *
 *   npm run bench                        everything (under 10 minutes on 2 cores)
 *   npm run bench -- --only=submit,cost  some sections; prints, writes no files
 *                                        (BENCH_DUMP=file.json writes that run's figures there)
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NODE_OPTIONS } from '../infra/node-options';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, localAwsCredentials, localRegion, startDynamo, startS3, startSes, type Emulator } from '../shared/local/emulators';
import { BUDGET_BYTES, COLD_INIT_GOAL, measureBundles, measureColdInit, type BundleResult, type ColdInitResult, type Fn } from './bundles';
import { measureCost, type CostResult } from './cost';
import { measureExport, PEAK_RSS_GOAL_MB, type ExportRun } from './export';
import { measureRetention, RATIO_GOAL, type RetentionResult } from './retention';
import { measureSubmit, P99_GOAL, type SubmitResult } from './submit';
import { ENUMERATION_GOAL_PCT, measureEnumeration, type EnumerationResult } from './enumeration';
import { measureTransfer, TRANSFER_GOAL_BYTES, type TransferResult } from './transfer';
import { round } from './util';

const SECTIONS = ['bundles', 'coldInit', 'transfer', 'retention', 'export', 'enumeration', 'cost', 'submit'] as const;
type Section = (typeof SECTIONS)[number];

interface Results {
  generatedAt: string;
  machine: { cpus: number; cpuModel: string; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  elapsedSeconds: Partial<Record<Section | 'emulators' | 'total', number>>;
  bundles?: Record<Fn, BundleResult>;
  coldInit?: Record<Fn, ColdInitResult>;
  transfer?: TransferResult;
  submit?: SubmitResult;
  enumeration?: EnumerationResult;
  retention?: RetentionResult;
  /** Keyed by order count (`export.100000.peakRssMB`), beside the growth figure. */
  export?: { [orders: string]: ExportRun | number | boolean; growth: number; growthWithoutQueries: number; seedSeconds: number; ok: boolean };
  cost?: CostResult;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mark = (ok: boolean | null | undefined) => (ok === null || ok === undefined ? 'n/a' : ok ? 'yes' : '**NO**');

/** Rows of the table: figure, value, goal, met. */
const table = (r: Results): string[][] => {
  const rows: string[][] = [];
  for (const [fn, b] of Object.entries(r.bundles ?? {})) {
    rows.push([`bundles.${fn}.bytes`, `${kb(b.bytes)} (floor ${kb(b.floorBytes)}, +${kb(b.overFloorBytes)})`, `≤ floor + ${BUDGET_BYTES / 1024} KB`, mark(b.ok)]);
  }
  for (const [fn, c] of Object.entries(r.coldInit ?? {})) {
    rows.push([
      `coldInit.${fn}.ratio`,
      `${c.ratio.toFixed(2)} (CPU ${c.cpuMs} / ${c.floorCpuMs} ms; wall ratio ${c.wallRatio.toFixed(2)})`,
      c.goalApplies ? `≤ ${COLD_INIT_GOAL}` : 'n/a (empty floor)',
      mark(c.ok),
    ]);
  }
  if (r.transfer) {
    const t = r.transfer;
    rows.push([
      'transfer.publicForm',
      `${kb(t.bytes)} with Brotli (uncompressed ${kb(t.rawBytes)}): ${t.parts.map((p) => `${p.path.replace(/^\/assets\//, '')} ${kb(p.bytes)}${p.encoding === 'identity' ? '' : ` ${p.encoding}`}`).join(', ')}`,
      `≤ ${TRANSFER_GOAL_BYTES / 1024} KB`,
      mark(t.ok),
    ]);
  }
  if (r.submit) {
    const s = r.submit;
    rows.push(['submit.p50Ratio', s.p50Ratio.toFixed(2), '', '']);
    rows.push(['submit.p99Ratio', s.p99Ratio.toFixed(2), `≤ ${P99_GOAL}`, mark(s.p99Ratio <= P99_GOAL)]);
    rows.push(['submit.lost', `${s.lost} of ${s.accepted} accepted (${s.non202} not 202, ${s.errors} errors)`, '0', mark(s.lost === 0)]);
  }
  if (r.enumeration) {
    const e = r.enumeration;
    rows.push([
      'enumeration.medianDiffPct',
      `${e.medianDiffPct}% (known ${e.knownMedianMs} ms, unknown ${e.unknownMedianMs} ms, medians of ${e.runs}; answers ${e.identical ? 'identical' : 'DIFFER'})`,
      `< ${ENUMERATION_GOAL_PCT}%, identical`,
      mark(e.ok),
    ]);
  }
  if (r.retention) {
    const t = r.retention;
    rows.push(['retention.readUnits', `${t.readUnits} (index queries ${t.indexReadUnits}; ${t.erased} of ${t.due} erased)`, '', '']);
    rows.push(['retention.scanReadUnits', `${t.scanReadUnits} (${t.scanItems} items, ${t.customers} customers)`, '', '']);
    rows.push(['retention.ratio', `${t.ratio} (Scan / index queries alone: ${t.findRatio})`, `≥ ${RATIO_GOAL}`, mark(t.ok)]);
  }
  if (r.export) {
    for (const [n, e] of Object.entries(r.export)) {
      if (typeof e !== 'object') continue;
      rows.push([`export.${n}.peakRssMB`, `${e.peakRssMB} (before export ${e.rssBeforeMB})`, n === '100000' ? `≤ ${PEAK_RSS_GOAL_MB}` : '', n === '100000' ? mark(e.peakRssMB <= PEAK_RSS_GOAL_MB) : '']);
      rows.push([`export.${n}.ms`, `${e.ms} (${e.msPerOrder} ms/order; ${e.queryMs} waiting for ${e.queries} queries; ${e.fileMB} MB written)`, '', '']);
    }
    rows.push([
      'export.growth',
      `${r.export.growth} (ms per order at 100,000 / at 10,000; without query waits ${r.export.growthWithoutQueries})`,
      '≈ 1 (linear)',
      mark(r.export.growth <= 1.5),
    ]);
  }
  if (r.cost) {
    const c = r.cost;
    const i = c.inputs;
    rows.push(['cost.per1000Requests', `$${c.per1000Requests.toFixed(4)} per 1,000 access requests`, '', '']);
    rows.push([
      'cost inputs (per request)',
      `${i.httpCalls} HTTP calls, ${i.lambdaInvocations.processor} processor runs, ${i.billedGbSeconds} GB-s, ${i.readUnits} RRU, ${i.writeUnits} WRU, ${i.s3Puts} S3 PUT, ${i.s3Gets} GET, ${i.mails} mails, ${i.kmsSigns} KMS Sign`,
      '',
      '',
    ]);
    rows.push(['cost breakdown (per 1,000)', Object.entries(c.breakdown).map(([k, v]) => `${k} $${v}`).join(', '), '', '']);
  }
  return rows;
};

const printTable = (rows: string[][]): string => {
  const head = ['figure', 'value', 'goal', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

const markdown = (r: Results, rows: string[][]): string => {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '# Benchmark results',
    '',
    `Latest \`npm run bench\`: ${r.generatedAt}, ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, ` +
      `load average ${r.machine.loadAverageAtStart.map((x) => x.toFixed(1)).join(' / ')} at start. ` +
      `Took ${r.elapsedSeconds.total} s (${Object.entries(r.elapsedSeconds)
        .filter(([k]) => k !== 'total')
        .map(([k, v]) => `${k} ${v} s`)
        .join(', ')}). What each figure means: [bench/README.md](README.md).`,
    '',
    '| figure | value | goal | met |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
    '',
    r.cost ? `Cost: prices ${r.cost.inputs.prices.asOf}. Assumptions: ${r.cost.inputs.assumptions.join('; ')}.` : '',
    '',
  ].join('\n');
};

const main = async () => {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',') as Section[] | undefined;
  const want = (s: Section) => !only || only.includes(s);
  const started = Date.now();
  const results: Results = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageAtStart: loadavg(), loadAverageAtEnd: [] },
    elapsedSeconds: {},
  };
  const timed = async <T>(name: Section | 'emulators', fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    console.log(`▶ ${name}…`);
    const out = await fn();
    const s = round((Date.now() - t) / 1000, 1);
    results.elapsedSeconds[name] = s;
    console.log(`  ${name} done in ${s} s (total ${round((Date.now() - started) / 1000, 0)} s)`);
    return out;
  };
  const log = (s: string) => console.log(`  ${s}`);

  // Bundles and cold starts first, before the emulators (and their JVM) compete for the CPUs.
  if (want('bundles') || want('coldInit')) {
    const b = await timed('bundles', measureBundles);
    if (want('bundles')) results.bundles = b.results;
    if (want('coldInit')) results.coldInit = await timed('coldInit', () => measureColdInit(b.paths, 11));
    rmSync(b.dir, { recursive: true, force: true });
  }

  // No emulators either: the pages handler is called directly.
  if (want('transfer')) results.transfer = await timed('transfer', measureTransfer);

  const needEmulators = SECTIONS.slice(3).some(want);
  const emulators: Emulator[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'dsr-bench-'));
  const bucket = 'bench-exports';
  try {
    if (needEmulators) {
      await timed('emulators', async () => {
        // In memory: the benchmark's tables are thrown away with the process.
        emulators.push(await startDynamo({ port: await freePort() }));
        emulators.push(await startS3({ port: await freePort(), directory: join(scratch, 's3'), buckets: [bucket] }));
        emulators.push(await startSes({ port: await freePort() }));
      });
      const [dynamo, s3, ses] = emulators as [Emulator, Emulator, Emulator];
      const endpoints = { dynamodb: dynamo.endpoint, s3: s3.endpoint, ses: ses.endpoint };
      const ddb = new DynamoDBClient({ endpoint: dynamo.endpoint, region: localRegion, credentials: localAwsCredentials, maxAttempts: 5 });
      if (want('retention')) results.retention = await timed('retention', () => measureRetention(endpoints, bucket, { log }));
      if (want('export')) {
        const e = await timed('export', () => measureExport(endpoints, bucket, { log, nodeArgs: NODE_OPTIONS.processor.split(' ') }));
        results.export = { ...e.runs, growth: e.growth, growthWithoutQueries: e.growthWithoutQueries, seedSeconds: e.seedSeconds, ok: e.ok };
      }
      // Like cost, before submit's thousands of stream records slow every later write.
      if (want('enumeration')) results.enumeration = await timed('enumeration', () => measureEnumeration(endpoints, bucket, ddb));
      // Before submit: DynamoDB Local keeps every stream record of the run (tables dropped or not),
      // and writes to stream-enabled tables slow down tenfold once submit has made thousands.
      if (want('cost')) results.cost = await timed('cost', () => measureCost(endpoints, bucket));
      // After the seeding above, whose 200,000 writes are what brings DynamoDB Local's JVM to its
      // steady speed: a cold emulator makes the PutItem baseline slow and the ratios flattering.
      if (want('submit')) results.submit = await timed('submit', () => measureSubmit(endpoints, bucket, ddb));
      ddb.destroy();
    }
  } finally {
    for (const e of emulators.reverse()) await e.stop().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }

  results.elapsedSeconds.total = round((Date.now() - started) / 1000, 0);
  results.machine.loadAverageAtEnd = loadavg();
  const rows = table(results);
  console.log('');
  console.log(printTable(rows));
  console.log('');
  console.log(`Total ${results.elapsedSeconds.total} s.`);
  if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, JSON.stringify(results, null, 2));
  if (!only) {
    writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(__dirname, 'RESULTS.md'), markdown(results, rows));
    console.log('Wrote bench/results.json and bench/RESULTS.md.');
  }
};

main().then(
  // The emulators' and SDK clients' sockets would keep the process alive for a while.
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
