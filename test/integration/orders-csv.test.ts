/**
 * Issue 13, orders.csv on the local stack: a portability export of a register record whose text
 * a spreadsheet would run as a formula, even behind leading spaces. The file is fetched the way
 * the subject fetches it (mailed link, 302, presigned S3 URL) and read as bytes.
 */
import { startTestApp, type TestApp } from '../helpers/app';
import { exportLink, fileAndVerify, mailsTo, personOf, uniqueCustomer } from '../helpers/dsr-flow';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

/** Each hostile text as the register holds it, and the cell orders.csv must carry for it. */
const CELLS: Array<[string, string]> = [
  [' =HYPERLINK("http://attacker.example","Lasku")', '"\' =HYPERLINK(""http://attacker.example"",""Lasku"")"'],
  ['   +358401234567', "'   +358401234567"],
  [' -2+3', "' -2+3"],
  ['  @SUM(A1)', "'  @SUM(A1)"],
  [' \tcmd', "' \tcmd"],
  ['=1+1', "'=1+1"],
  // not formulas: left as they are
  ['  Wellflix Perus', '  Wellflix Perus'],
  ['Premium +1', 'Premium +1'],
];

test('a cell whose text, after leading spaces, begins with =, +, -, @ or a tab is written with an apostrophe before it as it stands', async () => {
  // Prepare: one order item per hostile text, and an order id and invoice id that try it too
  const c = uniqueCustomer('csvguard', {
    orders: [
      {
        orderId: ' -o-1', orderedAt: '2025-03-01T10:00:00Z', total: 1, currency: 'EUR',
        items: CELLS.map(([name]) => ({ name, quantity: 1, unitPrice: 1 })),
        invoice: { invoiceId: '  @i-1', issuedAt: '2025-03-01', dueDate: '2025-03-15', status: 'paid' },
      },
    ],
  });
  await app.seed([c]);

  // Act: the subject asks for a portable copy and opens orders.csv from the mailed link
  await fileAndVerify(app, personOf(c), { type: 'portability', language: 'en' });
  const link = exportLink((await mailsTo(app, c.email)).find((m) => m.text.includes('/exports/')));
  expect(link).toBeDefined();
  const res = await app.get(`/exports/${link!.exportId}?token=${link!.token}&file=orders.csv`);
  expect(res.status).toBe(302);
  const file = await fetch(res.headers.get('location')!);
  expect(file.status).toBe(200);
  const lines = (await file.text()).split('\r\n').filter(Boolean);

  // Assess: one row per item, each item cell as guarded, the ids guarded too
  expect(lines).toHaveLength(1 + CELLS.length);
  CELLS.forEach(([, cell], i) => {
    const line = lines[i + 1]!;
    expect(line.startsWith("' -o-1,")).toBe(true);
    expect(line).toContain(`,${cell},1,1,`);
    expect(line).toContain(",'  @i-1,");
  });
});
