import fc from 'fast-check';
import { wellflix } from '../../shared/config';
import { controllerFacts, csvCell, exportHtml, exportJson, orderCsvRows, ordersCsv, processingFacts, subjectProfile, type ExportMeta } from '../../shared/domain/export';
import type { Customer, Language, Order, OrderItem } from '../../shared/domain/types';

const meta = (language: Language = 'fi'): ExportMeta => ({ requestId: 'r-0001', generatedAt: '2025-03-01T10:00:00.000Z', language, controller: wellflix });

/** Orders page by page, as the register store yields them. */
async function* pagesOf(pages: Order[][]): AsyncGenerator<Order[]> {
  for (const p of pages) yield p;
}

const collect = async (chunks: AsyncIterable<string>): Promise<string[]> => {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
};
const text = async (chunks: AsyncIterable<string>): Promise<string> => (await collect(chunks)).join('');

const order = (n: number, over: Partial<Order> = {}): Order => ({
  orderId: `o-${n}`,
  orderedAt: '2025-01-02T10:00:00Z',
  total: 19.9,
  currency: 'EUR',
  items: [{ name: 'Wellflix Premium, 12 kk', quantity: 1, unitPrice: 19.9 }],
  invoice: { invoiceId: `i-${n}`, issuedAt: '2025-01-02', dueDate: '2025-01-16', status: 'paid' },
  ...over,
});

const maija: Customer = {
  customerId: 'c-1001',
  firstName: 'Maija',
  lastName: 'Meikäläinen',
  organization: 'Esimerkki Oy',
  organizationContact: false,
  email: 'maija@example.fi',
  phone: '+358401234567',
  website: 'https://example.fi',
  postalAddress: { street: 'Tekniikantie 1', postalCode: '02150', city: 'Espoo', country: 'FI' },
  ipAddresses: ['192.0.2.10'],
  relationshipEndedAt: null,
  orders: [order(1)],
};

/** A small RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
const parseCsv = (csv: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
};

describe('exportJson', () => {
  const expected = (language: Language, subject: unknown) => ({
    requestId: 'r-0001',
    generatedAt: '2025-03-01T10:00:00.000Z',
    controller: {
      name: 'Wellflix Oy',
      address: wellflix.address,
      phone: wellflix.phone,
      email: wellflix.email,
      contactPerson: { name: 'Erno Polus', email: 'erno.polus@wellflix.fi', phone: wellflix.contactPerson.phone },
    },
    processing: processingFacts(wellflix, language),
    subject,
  });

  test.each([
    ['no orders at all', [] as Order[][]],
    ['one page', [[order(1)]]],
    ['many pages', [[order(1), order(2)], [order(3)], [order(4), order(5), order(6)]]],
    ['empty pages among full ones', [[], [order(1)], [], [], [order(2), order(3)], []]],
    ['only empty pages', [[], []]],
  ])('with %s, the chunks join to the whole document', async (_what, pages) => {
    // Prepare
    const profile = subjectProfile(maija);

    // Act
    const json = await text(exportJson(meta('fi'), profile, pagesOf(pages)));

    // Assess
    expect(JSON.parse(json)).toEqual(expected('fi', { ...profile, orders: pages.flat() }));
  });

  test('with no register record, subject is null', async () => {
    // Act
    const json = await text(exportJson(meta('en'), null, pagesOf([[order(1)]])));

    // Assess
    expect(JSON.parse(json)).toEqual(expected('en', null));
  });

  test('an empty profile still gives valid JSON', async () => {
    // Act
    const json = await text(exportJson(meta(), {} as Omit<Customer, 'orders'>, pagesOf([[order(1)]])));

    // Assess
    expect(JSON.parse(json).subject).toEqual({ orders: [order(1)] });
  });

  test.each([['fi' as const], ['en' as const]])('the Art. 15(1) facts are in the request language (%s)', async (language) => {
    // Act
    const doc = JSON.parse(await text(exportJson(meta(language), subjectProfile(maija), pagesOf([]))));

    // Assess
    const p = wellflix.processing;
    expect(doc.processing).toMatchObject({
      purposes: p.purposes[language],
      legalBasis: p.legalBasis[language],
      categories: p.categories[language],
      recipients: p.recipients[language],
      retention: p.retention[language],
      sources: p.sources[language],
      transfers: p.transfers[language],
      rights: p.rights[language],
      supervisoryAuthority: { name: wellflix.supervisoryAuthority.name[language], email: 'tietosuoja@om.fi', website: 'https://tietosuoja.fi' },
    });
    for (const key of ['purposes', 'categories', 'recipients', 'retention', 'sources', 'rights']) expect(doc.processing[key]).toMatch(/\S/);
  });

  test('the profile leaves out orders and the controller facts leave out internals', () => {
    // Act
    const profile = subjectProfile(maija);
    const controller = controllerFacts(wellflix);

    // Assess
    const { orders: _orders, ...withoutOrders } = maija;
    expect(profile).not.toHaveProperty('orders');
    expect(profile).toEqual(withoutOrders);
    expect(Object.keys(controller).sort()).toEqual(['address', 'contactPerson', 'email', 'name', 'phone']);
  });

  test('streams: the orders of each page come in their own chunk', async () => {
    // Act
    const chunks = await collect(exportJson(meta(), subjectProfile(maija), pagesOf([[order(1)], [], [order(2)]])));

    // Assess: head with profile, one chunk per non-empty page, the close.
    expect(chunks).toHaveLength(4);
    expect(chunks[1]).toBe(JSON.stringify(order(1)));
    expect(chunks[2]).toBe(`,${JSON.stringify(order(2))}`);
    expect(chunks.at(-1)).toBe(']}}');
  });
});

describe('ordersCsv', () => {
  const HEADER = 'orderId,orderedAt,currency,orderTotal,itemName,quantity,unitPrice,invoiceId,invoiceIssuedAt,invoiceDueDate,invoiceStatus';

  test('a header and one row per order item, CRLF-terminated', async () => {
    // Prepare
    const two = order(2, { items: [{ name: 'A', quantity: 2, unitPrice: 5 }, { name: 'B', quantity: 1, unitPrice: 9.9 }], total: 19.9 });

    // Act
    const csv = await text(ordersCsv(pagesOf([[order(1)], [], [two]])));

    // Assess
    expect(csv).toBe(
      `${HEADER}\r\n` +
        'o-1,2025-01-02T10:00:00Z,EUR,19.9,"Wellflix Premium, 12 kk",1,19.9,i-1,2025-01-02,2025-01-16,paid\r\n' +
        'o-2,2025-01-02T10:00:00Z,EUR,19.9,A,2,5,i-2,2025-01-02,2025-01-16,paid\r\n' +
        'o-2,2025-01-02T10:00:00Z,EUR,19.9,B,1,9.9,i-2,2025-01-02,2025-01-16,paid\r\n',
    );
  });

  test('no orders: only the header', async () => {
    expect(await text(ordersCsv(pagesOf([])))).toBe(`${HEADER}\r\n`);
    expect(await text(ordersCsv(pagesOf([[], []])))).toBe(`${HEADER}\r\n`);
  });

  test('an order without items or invoice is one row with those cells empty', () => {
    // Act
    const rows = orderCsvRows(order(3, { items: [], invoice: undefined }));

    // Assess
    expect(rows).toEqual(['o-3,2025-01-02T10:00:00Z,EUR,19.9,,,,,,,']);
  });

  test.each([
    ['plain text', 'Premium', 'Premium'],
    ['a comma', 'Premium, 12 kk', '"Premium, 12 kk"'],
    ['quotes', 'The "best" plan', '"The ""best"" plan"'],
    ['a newline', 'two\nlines', '"two\nlines"'],
    ['a CRLF', 'two\r\nlines', '"two\r\nlines"'],
    ['unicode', 'Äänikirja 山田 😀', 'Äänikirja 山田 😀'],
    ['an empty string', '', ''],
  ])('quotes %s as RFC 4180 says', (_what, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test.each([
    ['=', '=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+', '+358401234567', "'+358401234567"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab', '\t=1', "'\t=1"],
    ['a carriage return', '\r=1', '"\'\r=1"'],
  ])('text beginning with %s is prefixed so no spreadsheet runs it', (_first, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test.each([
    ['a space and =', ' =1+1', "' =1+1"],
    ['spaces and +', '   +358401234567', "'   +358401234567"],
    ['a space and -', ' -2+3', "' -2+3"],
    ['spaces and @', '  @SUM(A1)', "'  @SUM(A1)"],
    ['a space and a tab', ' \t=1', "' \t=1"],
    ['a space and a carriage return', ' \r=1', '"\' \r=1"'],
    ['a space, = and a comma', ' =A1,B1', '"\' =A1,B1"'],
  ])('after leading spaces, text beginning with %s is prefixed as it stands, spaces kept', (_first, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test.each([
    ['a space, then text', ' Premium', ' Premium'],
    ['a sign inside the text', 'Premium +1', 'Premium +1'],
    ['only spaces', '   ', '   '],
    ['a newline first (no formula start)', '\n=1', '"\n=1"'],
  ])('other text is left as it is: %s', (_what, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test('fast-check: a formula start after any number of spaces is always prefixed, and the cell reads back as the apostrophe plus the text', () => {
    const trigger = fc.constantFrom('=', '+', '-', '@', '\t', '\r');
    fc.assert(
      fc.property(fc.nat({ max: 8 }), trigger, fc.string({ unit: 'grapheme', maxLength: 30 }), (spaces, first, rest) => {
        const value = `${' '.repeat(spaces)}${first}${rest}`;
        const cell = csvCell(value);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(unquoted).toBe(`'${value}`);
      }),
    );
  });

  test('fast-check: text that does not begin (after spaces) with a formula start is never prefixed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (value) => {
        fc.pre(!/^ *[=+\-@\t\r]/.test(value));
        const cell = csvCell(value);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(unquoted).toBe(value);
      }),
    );
  });

  test('numbers stay numbers (a negative amount is not a formula) and empty cells are empty', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(19.9)).toBe('19.9');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
  });

  test('a hostile item name stays in its one cell', async () => {
    // Prepare
    const hostile = order(1, { items: [{ name: '=cmd|"/C calc"!A0,\r\nx', quantity: 1, unitPrice: 1 }] });

    // Act
    const rows = parseCsv(await text(ordersCsv(pagesOf([[hostile]]))));

    // Assess
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(11);
    expect(rows[1]?.[4]).toBe('\'=cmd|"/C calc"!A0,\r\nx');
  });
});

describe('exportHtml', () => {
  test('escapes markup in a customer name and item names, and shows every order id', async () => {
    // Prepare
    const profile = { ...subjectProfile(maija), firstName: '<script>alert("x")</script>', lastName: "O'Brien & Co" };
    const orders = [[order(1)], [], [order(2, { items: [{ name: '<img src=x onerror=alert(1)>', quantity: 1, unitPrice: 1 }] }), order(3)]];

    // Act
    const html = await text(exportHtml(meta('en'), profile, pagesOf(orders)));

    // Assess
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('O&#39;Brien &amp; Co');
    for (const id of ['o-1', 'o-2', 'o-3']) expect(html).toContain(`<td>${id}</td>`);
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toMatch(/<\/html>$/);
  });

  test.each([['fi' as const], ['en' as const]])('carries the processing facts and the supervisory authority in %s', async (language) => {
    // Act
    const html = await text(exportHtml(meta(language), subjectProfile(maija), pagesOf([[order(1)]])));

    // Assess
    expect(html).toContain(`lang="${language}"`);
    expect(html).toContain('r-0001');
    expect(html).toContain('tietosuoja@om.fi');
    expect(html).toContain(wellflix.processing.purposes[language].replace(/'/g, '&#39;'));
  });

  test('with no register record says no personal data is held', async () => {
    // Act
    const fi = await text(exportHtml(meta('fi'), null, pagesOf([])));
    const en = await text(exportHtml(meta('en'), null, pagesOf([])));

    // Assess
    expect(fi).toContain('Asiakasrekisterissämme ei ole henkilötietoja');
    expect(en).toContain('We hold no personal data');
    expect(en).not.toContain('<tbody>');
  });
});

// ---- properties ------------------------------------------------------------------------------

/** Text with quotes, commas, newlines, markup and any unicode, as names in a register can be. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('"', "O'Brien", 'a,b', 'x\r\ny', '=1+1', '-', '@x', '</script>', 'Äänekoski', '\u202Eevil'),
);
const money = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);
const invoiceArb = fc.record({
  invoiceId: fc.string({ minLength: 1, maxLength: 12 }),
  issuedAt: fc.constant('2025-01-02'),
  dueDate: fc.constant('2025-01-16'),
  status: fc.constantFrom<'paid' | 'open' | 'in_collection'>('paid', 'open', 'in_collection'),
});
const orderArb = fc.record(
  {
    orderId: fc.string({ minLength: 1, maxLength: 12 }),
    orderedAt: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    total: money,
    currency: fc.constantFrom('EUR', 'SEK'),
    items: fc.array(fc.record({ name: anyText, quantity: fc.integer({ min: 1, max: 99 }), unitPrice: money }), { maxLength: 4 }),
    invoice: invoiceArb,
  },
  { requiredKeys: ['orderId', 'orderedAt', 'total', 'currency', 'items'] },
);
const profileArb = fc.record(
  {
    customerId: fc.string({ minLength: 1, maxLength: 12 }),
    firstName: anyText,
    lastName: anyText,
    organization: anyText,
    organizationContact: fc.boolean(),
    email: fc.emailAddress(),
    phone: anyText,
    website: fc.webUrl(),
    postalAddress: fc.record({ street: anyText, postalCode: fc.stringMatching(/^\d{5}$/), city: anyText, country: fc.constantFrom('FI', 'SE') }),
    ipAddresses: fc.array(fc.oneof(fc.ipV4(), fc.ipV6()), { maxLength: 3 }),
    relationshipEndedAt: fc.option(fc.constant('2020-01-01'), { nil: null }),
  },
  { requiredKeys: ['customerId', 'firstName', 'lastName', 'email'] },
);
const pagesArb = fc.array(fc.array(orderArb, { maxLength: 4 }), { maxLength: 5 });

describe('export properties', () => {
  test('the JSON export of any customer and orders, in any pages, parses back to exactly them', async () => {
    await fc.assert(
      fc.asyncProperty(profileArb, pagesArb, fc.constantFrom<Language>('fi', 'en'), async (profile, pages, language) => {
        const doc = JSON.parse(await text(exportJson(meta(language), profile, pagesOf(pages))));
        expect(doc.subject).toEqual({ ...profile, orders: pages.flat() });
        expect(doc.processing.rights).toBe(wellflix.processing.rights[language]);
      }),
      { numRuns: 200 },
    );
  });

  test('the CSV of any orders parses back to one row per item with every cell intact (bar the formula guard)', async () => {
    const unguard = (cell: string, original: string) => (/^ *[=+\-@\t\r]/.test(original) ? cell.slice(1) : cell);
    await fc.assert(
      fc.asyncProperty(pagesArb, async (pages) => {
        const rows = parseCsv(await text(ordersCsv(pagesOf(pages))));
        const orders: Order[] = pages.flat();
        const expectedRows = orders.flatMap<{ o: Order; item: OrderItem | undefined }>((o) => (o.items.length ? o.items.map((item) => ({ o, item })) : [{ o, item: undefined }]));
        expect(rows).toHaveLength(1 + expectedRows.length);
        for (const row of rows) expect(row).toHaveLength(11);
        expectedRows.forEach(({ o, item }, i) => {
          const row = rows[i + 1]!;
          expect(unguard(row[0]!, o.orderId)).toBe(o.orderId);
          expect(Number(row[3])).toBe(o.total);
          expect(unguard(row[4]!, item?.name ?? '')).toBe(item?.name ?? '');
          expect(row[5]).toBe(item ? String(item.quantity) : '');
          expect(unguard(row[7]!, o.invoice?.invoiceId ?? '')).toBe(o.invoice?.invoiceId ?? '');
          for (const cell of [row[0]!, row[4]!, row[7]!]) expect(cell).not.toMatch(/^ *[=+\-@\t\r]/);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('the HTML export never lets a tag through from the data', async () => {
    await fc.assert(
      fc.asyncProperty(profileArb, pagesArb, async (profile, pages) => {
        const html = await text(exportHtml(meta('en'), { ...profile, firstName: `<b>${profile.firstName}` }, pagesOf(pages)));
        const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
        for (const t of tags) expect(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'strong', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br', 'dl', 'dt', 'dd']).toContain(t);
      }),
      { numRuns: 100 },
    );
  });
});
