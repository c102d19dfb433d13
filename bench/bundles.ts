/**
 * Bundle size and cold-start cost of every function, each beside its "SDK floor": a bundle that
 * only constructs the AWS SDK clients that function constructs (bench/floors/). The floor is what
 * the SDK costs; the difference is ours.
 */
import { build, type Metafile } from 'esbuild';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { functionEntries, type BackgroundFunctionName, type FunctionName } from '../functions/routes';
import { median, round } from './util';

export type Fn = FunctionName | BackgroundFunctionName;

const root = resolve(__dirname, '..');

/**
 * Which SDK clients each function constructs (read from its handler and shared/wiring*.ts), as a
 * floor entry under bench/floors/. Keep in step with the handlers.
 */
export const floorOf: Record<Fn, string> = {
  pages: 'bench/floors/empty.ts',
  submit: 'bench/floors/dynamodb-document.ts',
  verify: 'bench/floors/dynamodb-document.ts',
  decide: 'bench/floors/dynamodb-document.ts',
  admin: 'bench/floors/dynamodb-kms.ts',
  download: 'bench/floors/dynamodb-s3-presign.ts',
  health: 'bench/floors/health.ts',
  processor: 'bench/floors/dynamodb-s3-upload-ses-kms.ts',
  retention: 'bench/floors/dynamodb-s3-ses.ts',
};

export const BUDGET_BYTES = 60 * 1024;
export const COLD_INIT_GOAL = 1.25;

export interface Bundle { path: string; bytes: number; metafile: Metafile }

/** The same esbuild settings as the CDK stack's NodejsFunction (infra/constructs/app-function.ts). */
export const bundle = async (entry: string, outdir: string, name: string): Promise<Bundle> => {
  const outfile = join(outdir, `${name}.cjs`);
  const res = await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    treeShaking: true,
    mainFields: ['module', 'main'],
    external: [],
    metafile: true,
    logLevel: 'error',
    absWorkingDir: root,
  });
  return { path: outfile, bytes: statSync(outfile).size, metafile: res.metafile };
};

/** Bytes in the output by package (node_modules name) or "ours" for the project's own files. */
const contributors = (meta: Metafile): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const o of Object.values(meta.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(o.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const key = m?.[1] ?? 'ours';
      out[key] = (out[key] ?? 0) + bytesInOutput;
    }
  }
  return out;
};

export interface BundleResult {
  bytes: number;
  floorBytes: number;
  overFloorBytes: number;
  floor: string;
  /** Packages (and our own code) whose bytes exceed the floor's, largest first, in KB. */
  aboveFloorKB: Record<string, number>;
  ok: boolean;
}

export interface Bundles {
  dir: string;
  results: Record<Fn, BundleResult>;
  paths: Record<Fn, { fn: string; floor: string }>;
}

export const measureBundles = async (): Promise<Bundles> => {
  const dir = mkdtempSync(join(tmpdir(), 'dsr-bench-bundles-'));
  const floors = new Map<string, Bundle>();
  for (const f of new Set(Object.values(floorOf))) {
    floors.set(f, await bundle(f, dir, `floor-${f.replace(/^bench\/floors\/|\.ts$/g, '')}`));
  }
  const results = {} as Record<Fn, BundleResult>;
  const paths = {} as Bundles['paths'];
  for (const [fn, entry] of Object.entries(functionEntries) as [Fn, string][]) {
    const b = await bundle(entry, dir, fn);
    const floor = floors.get(floorOf[fn]) as Bundle;
    const mine = contributors(b.metafile);
    const base = contributors(floor.metafile);
    const above = Object.entries(mine)
      .map(([k, v]) => [k, v - (base[k] ?? 0)] as const)
      .filter(([, v]) => v > 1024)
      .sort((a, b2) => b2[1] - a[1])
      .slice(0, 6);
    results[fn] = {
      bytes: b.bytes,
      floorBytes: floor.bytes,
      overFloorBytes: b.bytes - floor.bytes,
      floor: floorOf[fn],
      aboveFloorKB: Object.fromEntries(above.map(([k, v]) => [k, round(v / 1024, 1)])),
      ok: b.bytes <= floor.bytes + BUDGET_BYTES,
    };
    paths[fn] = { fn: b.path, floor: floor.path };
  }
  return { dir, results, paths };
};

/**
 * The environment a handler needs to initialise, as in AWS: a region, table and bucket names, a
 * KMS key id for the seal (so KMSClient is constructed, as the floor does) and no emulator endpoints.
 * Nothing is called during init, so nothing needs to answer.
 */
export const lambdaLikeEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-north-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  REQUESTS_TABLE: 'dsr-requests',
  REGISTER_TABLE: 'dsr-register',
  EXPORTS_BUCKET: 'dsr-exports',
  PUBLIC_BASE_URL: 'https://privacy.example.eu',
  HMAC_KEY: 'bench-hmac-key-0123456789abcdef0123456789abcdef',
  SEAL_KMS_KEY_ID: 'alias/dsr-seal',
  SEAL_LOCAL_KEY_PEM: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  // The SDK warns once on Node < 22 (this machine runs 20); the warning is not what we measure.
  NODE_NO_WARNINGS: '1',
});

/**
 * Load and initialise (module-level wiring runs on require) timed inside a fresh process: wall
 * time, and the process's CPU time (user + system) over the same span.
 */
const CHILD = `
const c = process.cpuUsage();
const t = process.hrtime.bigint();
require(process.env.BENCH_BUNDLE);
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const cpu = process.cpuUsage(c);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 }));
`;

const loadOnce = (path: string, env: Record<string, string>): Promise<{ ms: number; cpuMs: number }> =>
  new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['-e', CHILD], { env: { ...env, BENCH_BUNDLE: path }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`loading ${path} failed (${code}): ${err.slice(0, 500)}`));
      try {
        ok(JSON.parse(out) as { ms: number; cpuMs: number });
      } catch {
        fail(new Error(`loading ${path}: unexpected output ${out.slice(0, 200)}`));
      }
    });
  });

export interface ColdInitResult {
  /** Median CPU time of load+init over the floor's (see below why CPU time). */
  ratio: number;
  /** The same from wall-clock time: the literal figure, but at the mercy of the machine's load. */
  wallRatio: number;
  cpuMs: number;
  floorCpuMs: number;
  ms: number;
  floorMs: number;
  runs: number;
  /** False for `pages`: its floor is empty, so a ratio to it says nothing (ok is then null). */
  goalApplies: boolean;
  ok: boolean | null;
}

/**
 * Median load+init time of each function's bundle and of its floor, runs interleaved (function,
 * floor, function, floor…) so a burst of noise hits both; one discarded warm-up run each.
 * Loading is single-threaded work, so its CPU time is what a quiet machine's wall time would be;
 * on a shared 2-core machine under load wall times swing 3x between runs while CPU time stays
 * within a few percent, so the ratio that is judged is the CPU one.
 */
export const measureColdInit = async (paths: Bundles['paths'], runs = 7): Promise<Record<Fn, ColdInitResult>> => {
  const env = lambdaLikeEnv();
  const out = {} as Record<Fn, ColdInitResult>;
  for (const [fn, p] of Object.entries(paths) as [Fn, { fn: string; floor: string }][]) {
    await loadOnce(p.fn, env);
    await loadOnce(p.floor, env);
    const mine: { ms: number; cpuMs: number }[] = [];
    const floor: { ms: number; cpuMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      mine.push(await loadOnce(p.fn, env));
      floor.push(await loadOnce(p.floor, env));
    }
    const ms = median(mine.map((x) => x.ms));
    const floorMs = median(floor.map((x) => x.ms));
    const cpuMs = median(mine.map((x) => x.cpuMs));
    const floorCpuMs = median(floor.map((x) => x.cpuMs));
    const ratio = cpuMs / floorCpuMs;
    const goalApplies = floorOf[fn] !== 'bench/floors/empty.ts';
    out[fn] = {
      ratio: round(ratio),
      wallRatio: round(ms / floorMs),
      cpuMs: round(cpuMs, 1),
      floorCpuMs: round(floorCpuMs, 1),
      ms: round(ms, 1),
      floorMs: round(floorMs, 1),
      runs,
      goalApplies,
      ok: goalApplies ? ratio <= COLD_INIT_GOAL : null,
    };
  }
  return out;
};
