import type { Controller } from '../config';
import type { Customer, Language, Order } from './types';

/**
 * The copy of the data (GDPR Art. 15 and 20), built as a stream of text chunks so a history of
 * any length is never held in memory at once: the profile first, then the orders page by page.
 */
export interface ExportMeta {
  requestId: string;
  generatedAt: string;
  language: Language;
  controller: Controller;
}

/** Art. 15(1) facts, in the request's language, from the controller's configuration. */
export const processingFacts = (c: Controller, lang: Language) => ({
  purposes: c.processing.purposes[lang],
  legalBasis: c.processing.legalBasis[lang],
  categories: c.processing.categories[lang],
  recipients: c.processing.recipients[lang],
  retention: c.processing.retention[lang],
  sources: c.processing.sources[lang],
  transfers: c.processing.transfers[lang],
  rights: c.processing.rights[lang],
  supervisoryAuthority: {
    name: c.supervisoryAuthority.name[lang],
    address: c.supervisoryAuthority.address,
    phone: c.supervisoryAuthority.phone,
    email: c.supervisoryAuthority.email,
    website: c.supervisoryAuthority.website,
  },
});

export const controllerFacts = (c: Controller) => ({
  name: c.name,
  address: c.address,
  phone: c.phone,
  email: c.email,
  contactPerson: c.contactPerson,
});

/** The register record as the register file carries it, without orders (they stream after). */
export const subjectProfile = (c: Customer): Omit<Customer, 'orders'> => {
  const { orders: _orders, ...profile } = c;
  return profile;
};

/**
 * JSON: `{ requestId, generatedAt, controller, processing, subject: { …profile, orders: [ … ] } }`,
 * or `subject: null` when no register record matches the verified address.
 */
export async function* exportJson(meta: ExportMeta, profile: Omit<Customer, 'orders'> | null, orders: AsyncIterable<Order[]>): AsyncGenerator<string> {
  const head = {
    requestId: meta.requestId,
    generatedAt: meta.generatedAt,
    controller: controllerFacts(meta.controller),
    processing: processingFacts(meta.controller, meta.language),
  };
  const headJson = JSON.stringify(head);
  if (!profile) {
    yield `${headJson.slice(0, -1)},"subject":null}`;
    return;
  }
  const profileJson = JSON.stringify(profile);
  yield `${headJson.slice(0, -1)},"subject":${profileJson.slice(0, -1)}${profileJson.length > 2 ? ',' : ''}"orders":[`;
  let first = true;
  for await (const page of orders) {
    if (page.length === 0) continue;
    yield (first ? '' : ',') + page.map((o) => JSON.stringify(o)).join(',');
    first = false;
  }
  yield ']}}';
}

const CSV_HEADER = ['orderId', 'orderedAt', 'currency', 'orderTotal', 'itemName', 'quantity', 'unitPrice', 'invoiceId', 'invoiceIssuedAt', 'invoiceDueDate', 'invoiceStatus'];

/**
 * Text a spreadsheet would run as a formula: =, +, -, @, a tab or a carriage return first, also
 * after leading spaces (spreadsheets skip them: " =1+1" is a formula too).
 */
const FORMULA_START = /^ *[=+\-@\t\r]/;

/**
 * RFC 4180 quoting. Formula-like text is written with an apostrophe before it, as it stands
 * (leading spaces kept): the file is for the subject's own tools, not an attack on them.
 */
export const csvCell = (v: string | number | undefined | null): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const orderCsvRows = (o: Order): string[] => {
  const items = o.items.length ? o.items : [undefined];
  return items.map((item) =>
    [
      csvCell(o.orderId), csvCell(o.orderedAt), csvCell(o.currency), csvCell(o.total),
      csvCell(item?.name), csvCell(item?.quantity), csvCell(item?.unitPrice),
      csvCell(o.invoice?.invoiceId), csvCell(o.invoice?.issuedAt), csvCell(o.invoice?.dueDate), csvCell(o.invoice?.status),
    ].join(','),
  );
};

/** Orders as CSV, one row per order item (portability: for the subject's next service). */
export async function* ordersCsv(orders: AsyncIterable<Order[]>): AsyncGenerator<string> {
  yield `${CSV_HEADER.join(',')}\r\n`;
  for await (const page of orders) {
    if (page.length) yield `${page.flatMap(orderCsvRows).join('\r\n')}\r\n`;
  }
}

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

const L = {
  fi: {
    title: 'Tietosi asiakasrekisterissä', intro: 'Tämä on kopio sinua koskevista henkilötiedoista, joita käsittelemme.',
    none: 'Asiakasrekisterissämme ei ole henkilötietoja tästä sähköpostiosoitteesta.',
    profile: 'Perustiedot', orders: 'Tilaukset', processing: 'Miten tietojasi käsitellään',
    order: 'Tilaus', date: 'Päivä', item: 'Tuote', qty: 'Määrä', price: 'Hinta', total: 'Yhteensä', invoice: 'Lasku', status: 'Tila',
    purposes: 'Käsittelyn tarkoitukset', legalBasis: 'Oikeusperuste', categories: 'Tietoryhmät', recipients: 'Vastaanottajat',
    retention: 'Säilytysaika', sources: 'Tietolähteet', transfers: 'Siirrot EU:n ulkopuolelle', rights: 'Oikeutesi', authority: 'Valvontaviranomainen',
    generated: 'Muodostettu', request: 'Pyyntö',
  },
  en: {
    title: 'Your data in our customer register', intro: 'This is a copy of the personal data about you that we process.',
    none: 'We hold no personal data about this email address in our customer register.',
    profile: 'Your details', orders: 'Orders', processing: 'How your data is processed',
    order: 'Order', date: 'Date', item: 'Item', qty: 'Quantity', price: 'Price', total: 'Total', invoice: 'Invoice', status: 'Status',
    purposes: 'Purposes', legalBasis: 'Legal basis', categories: 'Categories of data', recipients: 'Recipients',
    retention: 'Retention', sources: 'Sources', transfers: 'Transfers outside the EU', rights: 'Your rights', authority: 'Supervisory authority',
    generated: 'Generated', request: 'Request',
  },
} as const;

const PROFILE_LABELS: Record<Language, Record<string, string>> = {
  fi: { customerId: 'Asiakasnumero', firstName: 'Etunimi', lastName: 'Sukunimi', organization: 'Organisaatio', organizationContact: 'Organisaation yhteyshenkilö', email: 'Sähköposti', phone: 'Puhelin', website: 'Verkkosivu', postalAddress: 'Postiosoite', ipAddresses: 'IP-osoitteet', relationshipEndedAt: 'Asiakkuus päättyi' },
  en: { customerId: 'Customer number', firstName: 'First name', lastName: 'Last name', organization: 'Organisation', organizationContact: "Organisation's contact person", email: 'Email', phone: 'Phone', website: 'Website', postalAddress: 'Postal address', ipAddresses: 'IP addresses', relationshipEndedAt: 'Customer relationship ended' },
};

const show = (v: unknown): string => {
  if (Array.isArray(v)) return v.join(', ');
  if (v && typeof v === 'object') return Object.values(v).join(', ');
  return String(v);
};

/** A readable, printable version for access requests, in the request's language. */
export async function* exportHtml(meta: ExportMeta, profile: Omit<Customer, 'orders'> | null, orders: AsyncIterable<Order[]>): AsyncGenerator<string> {
  const t = L[meta.language];
  const p = processingFacts(meta.controller, meta.language);
  yield `<!doctype html><html lang="${meta.language}"><head><meta charset="utf-8"><title>${esc(t.title)}</title>` +
    '<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}@media print{a{color:inherit}}</style></head><body>' +
    `<h1>${esc(t.title)}</h1><p>${esc(meta.controller.name)} · ${esc(t.request)} ${esc(meta.requestId)} · ${esc(t.generated)} ${esc(meta.generatedAt)}</p><p>${esc(t.intro)}</p>`;
  if (!profile) {
    yield `<p><strong>${esc(t.none)}</strong></p>`;
  } else {
    const rows = Object.entries(profile)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<tr><th scope="row">${esc(PROFILE_LABELS[meta.language][k] ?? k)}</th><td>${esc(show(v))}</td></tr>`)
      .join('');
    yield `<h2>${esc(t.profile)}</h2><table>${rows}</table><h2>${esc(t.orders)}</h2><table><thead><tr><th>${esc(t.order)}</th><th>${esc(t.date)}</th><th>${esc(t.item)}</th><th>${esc(t.qty)}</th><th>${esc(t.price)}</th><th>${esc(t.total)}</th><th>${esc(t.invoice)}</th><th>${esc(t.status)}</th></tr></thead><tbody>`;
    for await (const page of orders) {
      yield page
        .map((o) => {
          const items = o.items.map((i) => `${esc(i.name)}`).join('<br>');
          const qty = o.items.map((i) => esc(i.quantity)).join('<br>');
          const price = o.items.map((i) => esc(i.unitPrice)).join('<br>');
          return `<tr><td>${esc(o.orderId)}</td><td>${esc(o.orderedAt)}</td><td>${items}</td><td>${qty}</td><td>${price}</td><td>${esc(o.total)} ${esc(o.currency)}</td><td>${esc(o.invoice?.invoiceId)}</td><td>${esc(o.invoice?.status)}</td></tr>`;
        })
        .join('');
    }
    yield '</tbody></table>';
  }
  const facts: Array<[string, string]> = [
    [t.purposes, p.purposes], [t.legalBasis, p.legalBasis], [t.categories, p.categories], [t.recipients, p.recipients],
    [t.retention, p.retention], [t.sources, p.sources], [t.transfers, p.transfers], [t.rights, p.rights],
    [t.authority, `${p.supervisoryAuthority.name}, ${p.supervisoryAuthority.address}, ${p.supervisoryAuthority.phone}, ${p.supervisoryAuthority.email}, ${p.supervisoryAuthority.website}`],
  ];
  yield `<h2>${esc(t.processing)}</h2><dl>${facts.map(([k, v]) => `<dt><strong>${esc(k)}</strong></dt><dd>${esc(v)}</dd>`).join('')}</dl></body></html>`;
}
