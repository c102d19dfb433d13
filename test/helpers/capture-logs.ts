/**
 * Runs in every test file (setupFilesAfterEnv): captures everything written to stdout/stderr and
 * the console while the file runs, and after the file checks that none of it is personal data:
 * no email address, no token, no name from the fixtures. So the whole suite proves the product
 * logs only ids, codes and keyed hashes.
 */
import { format } from 'node:util';

const captured: string[] = [];
const wrap = (stream: NodeJS.WriteStream) => {
  const original = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
};
wrap(process.stdout);
wrap(process.stderr);
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    captured.push(format(...args));
    original(...args);
  };
}

const globalWithPii = globalThis as typeof globalThis & { __dsrPii?: Set<string> };
/** Tests add the personal data they send, so the scan looks for exactly that too. */
export const registerPii = (...values: string[]) => {
  globalWithPii.__dsrPii ??= new Set();
  for (const v of values) if (v.length >= 4) globalWithPii.__dsrPii.add(v);
};

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const TOKEN = /token=[A-Za-z0-9_-]{20,}|X-Amz-Signature=/;
const FIXTURE_NAMES = ['Meikäläinen', 'Virtanen', 'Korhonen', 'Nieminen', 'Lahtinen', 'Mäkinen'];

afterAll(() => {
  const text = captured.join('\n');
  const leaks: string[] = [];
  const email = EMAIL.exec(text);
  if (email) leaks.push(`an email address (${email[0].replace(/^(.).*@/, '$1…@')})`);
  if (TOKEN.test(text)) leaks.push('a token or signed URL');
  for (const name of [...FIXTURE_NAMES, ...(globalWithPii.__dsrPii ?? [])]) if (text.includes(name)) leaks.push(`a registered value (${name.slice(0, 2)}…)`);
  expect(leaks).toEqual([]);
});
