import { wellflix, type Controller } from '../../shared/config';
import { LANGUAGES, OBJECTIONS, RECTIFIABLE_FIELDS, REQUEST_TYPES, type Language } from '../../shared/domain/types';
import { formatDate, formatDateTime } from '../../shared/mail/i18n';
import {
  contactVerifiedMail,
  correctionNoticeMail,
  deadlineDigestMail,
  decisionMail,
  escapeHtml,
  exportReadyMail,
  extensionMail,
  fieldName,
  objectionAppliedMail,
  objectionName,
  requestTypeName,
  verifyMail,
  type Mail,
} from '../../shared/mail/templates';

const c: Controller = wellflix;
const BASE = 'http://127.0.0.1:3000';
const VERIFY_LINK = `${BASE}/requests/verify?token=abc_DEF-123&x=1`;
const EXPORT_LINK = `${BASE}/exports/exp-42?token=tok_XYZ`;
const EVIL = '<script>alert("x")</script> & \'more\'';

/** The mail's visible HTML text with tags removed and entities decoded: what a reader sees. */
const htmlText = (m: Mail): string =>
  m.html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const expectWellFormed = (m: Mail): void => {
  expect(m.subject.length).toBeGreaterThan(0);
  expect(m.subject).not.toMatch(/[\r\n]/);
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.html).toMatch(/^<!DOCTYPE html>/);
  expect(m.text).not.toMatch(/<\/?(p|a|br|div|ul|li|table|tr|td|html)\b/i);
  // Signs off with the controller and names whom to contact.
  expect(m.text).toContain(c.name);
  expect(m.text).toContain(c.contactPerson.name);
  expect(m.text).toContain(c.contactPerson.email);
  expect(m.html).toContain(escapeHtml(c.contactPerson.email));
};

const expectAuthority = (m: Mail, lang: Language): void => {
  const sa = c.supervisoryAuthority;
  for (const part of [m.text, htmlText(m)]) {
    expect(part).toContain('Tietosuojavaltuutetun toimisto');
    expect(part).toContain(sa.name[lang]);
    expect(part).toContain(sa.address);
    expect(part).toContain(sa.phone);
    expect(part).toContain(sa.email);
    expect(part).toContain(sa.website);
  }
  expect(m.html).toContain(`href="mailto:${sa.email}"`);
};

describe('names', () => {
  test('every request type, objection and field has a name in both languages', () => {
    for (const lang of LANGUAGES) {
      for (const t of REQUEST_TYPES) expect(requestTypeName[t][lang]).toMatch(/\S/);
      for (const o of OBJECTIONS) expect(objectionName[o][lang]).toMatch(/\S/);
      for (const f of RECTIFIABLE_FIELDS) expect(fieldName[f][lang]).toMatch(/\S/);
    }
    expect(requestTypeName.access.fi).toBe('Tietojen tarkastus');
    expect(objectionName.directMarketing.en).toBe('Direct marketing');
  });
});

describe('dates are Helsinki calendar dates', () => {
  test('a UTC evening is the next day in Helsinki', () => {
    expect(formatDate('2026-11-23T22:30:00Z', 'fi')).toBe('24.11.2026');
    expect(formatDate('2026-11-23T22:30:00Z', 'en')).toBe('24 November 2026');
  });
  test('a plain date is shown as that date', () => {
    expect(formatDate('2032-12-31', 'fi')).toBe('31.12.2032');
    expect(formatDate('2032-12-31', 'en')).toBe('31 December 2032');
  });
  test('date-time in Helsinki wall-clock time (summer and winter)', () => {
    expect(formatDateTime('2026-11-24T12:30:00Z', 'fi')).toBe('24.11.2026 klo 14.30');
    expect(formatDateTime('2026-07-01T09:05:00Z', 'en')).toBe('1 July 2026, 12:05');
  });
  test('an unparsable value is shown as given', () => {
    expect(formatDate('soon', 'fi')).toBe('soon');
  });
});

describe('verifyMail', () => {
  test.each(LANGUAGES)('%s: link verbatim, expiry date, type, ignore-if-not-you', (lang) => {
    const m = verifyMail(c, { language: lang, type: 'erasure', link: VERIFY_LINK, expiresAt: '2026-11-24T12:30:00Z' });
    expectWellFormed(m);
    expect(m.text).toContain(VERIFY_LINK);
    expect(m.text).toContain('/requests/verify?token=');
    expect(m.text).toContain(lang === 'fi' ? '24.11.2026 klo 14.30 saakka (Suomen aikaa)' : '24 November 2026, 14:30 (Finnish time)');
    expect(m.text).toContain(requestTypeName.erasure[lang]);
    expect(m.text).toMatch(lang === 'fi' ? /jättää tämän viestin huomiotta/ : /ignore this message/);
    // The href keeps the query string intact, with & escaped as HTML requires.
    expect(m.html).toContain(`href="${escapeHtml(VERIFY_LINK)}"`);
    expect(m.html).toContain(`<html lang="${lang}">`);
  });
  test('subject language follows the request', () => {
    expect(verifyMail(c, { language: 'fi', type: 'access', link: VERIFY_LINK, expiresAt: '2026-11-24T12:30:00Z' }).subject).toMatch(/Vahvista/);
    expect(verifyMail(c, { language: 'en', type: 'access', link: VERIFY_LINK, expiresAt: '2026-11-24T12:30:00Z' }).subject).toMatch(/confirm/);
  });
});

describe('contactVerifiedMail', () => {
  const args = {
    requestId: 'req-01HZX',
    type: 'rectification' as const,
    receivedAt: '2026-10-24T08:00:00Z',
    dueAt: '2026-11-24T08:00:00Z',
    adminUrl: `${BASE}/admin/requests/req-01HZX`,
  };
  test('names the request id, type, dates and console, in Finnish and English', () => {
    const m = contactVerifiedMail(c, { ...args, needsDecision: true });
    expectWellFormed(m);
    expect(m.subject).toContain('req-01HZX');
    expect(m.text).toContain('req-01HZX');
    expect(m.text).toContain(args.adminUrl);
    expect(m.text).toContain('24.10.2026');
    expect(m.text).toContain('24.11.2026');
    expect(m.text).toContain('24 November 2026');
    expect(m.text).toContain(requestTypeName.rectification.fi);
    expect(m.text).toContain(requestTypeName.rectification.en);
    expect(m.text).toMatch(/päätöstäsi/);
    expect(m.text).toMatch(/needs your decision/);
  });
  test('without a decision to make it says no action is needed', () => {
    const m = contactVerifiedMail(c, { ...args, type: 'access', needsDecision: false });
    expect(m.text).toContain('req-01HZX');
    expect(m.text).not.toMatch(/needs your decision/);
    expect(m.text).toMatch(/no action/);
  });
});

describe('exportReadyMail', () => {
  test.each(LANGUAGES)('%s: download link, expiry, Art. 15 and the authority', (lang) => {
    const m = exportReadyMail(c, { language: lang, type: 'access', link: EXPORT_LINK, expiresAt: '2026-12-01T10:00:00Z', hasData: true });
    expectWellFormed(m);
    expect(m.text).toContain(EXPORT_LINK);
    expect(m.text).toMatch(/\/exports\/[^/?]+\?token=/);
    expect(m.text).toContain(lang === 'fi' ? '1.12.2026' : '1 December 2026');
    expect(m.text).toMatch(lang === 'fi' ? /15 artikla/ : /Art\. 15/);
    expect(m.text).toMatch(lang === 'fi' ? /useita kertoja/ : /several times/);
    expect(m.text).toMatch(lang === 'fi' ? /muutamaksi minuutiksi/ : /few minutes/);
    expectAuthority(m, lang);
  });
  test.each(LANGUAGES)('%s: portability mentions a machine-readable format', (lang) => {
    const m = exportReadyMail(c, { language: lang, type: 'portability', link: EXPORT_LINK, expiresAt: '2026-12-01T10:00:00Z', hasData: true });
    expect(m.text).toContain('JSON');
    expect(m.text).toContain(EXPORT_LINK);
  });
  test.each(LANGUAGES)('%s: no data held, and no link', (lang) => {
    const m = exportReadyMail(c, { language: lang, type: 'access', hasData: false });
    expectWellFormed(m);
    expect(m.text).toMatch(lang === 'fi' ? /ei ole henkilötietoja/ : /hold no personal data/);
    expect(m.text).not.toMatch(/https?:\/\/127\.0\.0\.1/);
    expect(m.text).not.toContain('/exports/');
    expect(m.html).not.toContain('/exports/');
  });
  test('no data held, but an answer file to link to', () => {
    const m = exportReadyMail(c, { language: 'en', type: 'access', hasData: false, link: EXPORT_LINK, expiresAt: '2026-12-01T10:00:00Z' });
    expect(m.text).toMatch(/hold no personal data/);
    expect(m.text).toContain(EXPORT_LINK);
  });
});

describe('decisionMail', () => {
  test.each(LANGUAGES)('%s: refusal carries the reasons and the Ombudsman', (lang) => {
    const m = decisionMail(c, { language: lang, type: 'rectification', outcome: 'refused', reason: 'The data is correct.' });
    expectWellFormed(m);
    expect(m.text).toContain('The data is correct.');
    expectAuthority(m, lang);
    expect(m.text).toMatch(lang === 'fi' ? /eri mieltä/ : /disagree/);
  });

  test('HTML escaping: a reason with <script> is escaped in html and verbatim in text', () => {
    const m = decisionMail(c, { language: 'fi', type: 'erasure', outcome: 'refused', reason: EVIL });
    expect(m.text).toContain(EVIL);
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;');
    expect(htmlText(m)).toContain(EVIL);
  });

  test.each(LANGUAGES)('%s: rectification lists translated fields and tells of Art. 19', (lang) => {
    const m = decisionMail(c, {
      language: lang,
      type: 'rectification',
      outcome: 'approved',
      details: { changes: [{ field: 'lastName', value: 'Virtanen' }, { field: 'postalAddress.city', value: 'Vantaa <b>' }] },
    });
    expectWellFormed(m);
    expect(m.text).toContain(`${fieldName.lastName[lang]}: Virtanen`);
    expect(m.text).toContain(`${fieldName['postalAddress.city'][lang]}: Vantaa <b>`);
    expect(m.html).toContain('Vantaa &lt;b&gt;');
    expect(m.text).toMatch(lang === 'fi' ? /19 artikla/ : /Art\. 19/);
    expectAuthority(m, lang);
  });

  test.each(LANGUAGES)('%s: restriction says data is kept but not processed', (lang) => {
    const m = decisionMail(c, { language: lang, type: 'restriction', outcome: 'approved' });
    expect(m.text).toMatch(lang === 'fi' ? /emme käsittele niitä muuten ennen kuin rajoitus poistetaan/ : /do not otherwise process it until the restriction is lifted/);
    expectAuthority(m, lang);
  });

  test.each(LANGUAGES)('%s: objection lists what now applies', (lang) => {
    const m = decisionMail(c, { language: lang, type: 'objection', outcome: 'approved', details: { objections: ['marketResearch', 'publication'] } });
    expect(m.text).toContain(objectionName.marketResearch[lang]);
    expect(m.text).toContain(objectionName.publication[lang]);
    expect(m.text).not.toContain(objectionName.distanceSelling[lang]);
  });

  test.each(LANGUAGES)('%s: erasure with nothing kept', (lang) => {
    const m = decisionMail(c, { language: lang, type: 'erasure', outcome: 'approved', details: {} });
    expect(m.text).toMatch(lang === 'fi' ? /poistaneet henkilötietosi/ : /erased your personal data/);
    expectAuthority(m, lang);
  });

  test.each(LANGUAGES)('%s: erasure names what was kept, why and until when', (lang) => {
    const m = decisionMail(c, {
      language: lang,
      type: 'erasure',
      outcome: 'approved',
      details: { kept: [{ basis: 'accounting_vouchers', until: '2032-12-31' }, { basis: 'open_invoice' }, { basis: 'organization_contact' }, { basis: 'debt_collection' }] },
    });
    expectWellFormed(m);
    const fi = lang === 'fi';
    expect(m.text).toContain(fi ? '31.12.2032' : '31 December 2032');
    expect(m.text).toMatch(fi ? /Kirjanpitolaki/ : /Accounting Act/);
    expect(m.text).toMatch(fi ? /6 vuotta/ : /6 years/);
    expect(m.text).toMatch(fi ? /avoin lasku/ : /open invoice/);
    expect(m.text).toMatch(fi ? /kunnes lasku on maksettu/ : /until it has been paid/);
    expect(m.text).toMatch(fi ? /perinnässä/ : /debt collection/);
    expect(m.text).toMatch(fi ? /organisaation yhteyshenkilönä/ : /organisation's contact person/);
  });

  test('subject names the outcome and the type', () => {
    expect(decisionMail(c, { language: 'en', type: 'erasure', outcome: 'approved' }).subject).toContain('Erasure of data');
    expect(decisionMail(c, { language: 'fi', type: 'erasure', outcome: 'refused', reason: 'x' }).subject).toContain('Päätös');
  });
});

describe('extensionMail', () => {
  test.each(LANGUAGES)('%s: two months, Art. 12(3), reason and new date', (lang) => {
    const m = extensionMail(c, { language: lang, type: 'erasure', reason: 'Many systems & <archives>', newDueAt: '2027-01-24T08:00:00Z' });
    expectWellFormed(m);
    expect(m.text).toContain('Many systems & <archives>');
    expect(m.html).toContain('Many systems &amp; &lt;archives&gt;');
    expect(m.text).toContain(lang === 'fi' ? '24.1.2027' : '24 January 2027');
    expect(m.text).toMatch(lang === 'fi' ? /kahdella kuukaudella/ : /two months/);
    expect(m.text).toMatch(lang === 'fi' ? /12 artiklan 3 kohta/ : /Article 12\(3\)/);
  });
});

describe('correctionNoticeMail', () => {
  test('customer ref, corrected values in both languages, and a request to correct copies', () => {
    const m = correctionNoticeMail(c, {
      recipientName: 'Talous & Co',
      customerRef: 'c-1001',
      changes: [{ field: 'email', value: 'maija@example.fi' }],
      correctedAt: '2026-11-24T08:00:00Z',
    });
    expectWellFormed(m);
    expect(m.subject).toContain('c-1001');
    expect(m.text).toContain('c-1001');
    expect(m.text).toContain('Sähköpostiosoite: maija@example.fi');
    expect(m.text).toContain('Email address: maija@example.fi');
    expect(m.text).toContain('24.11.2026');
    expect(m.text).toContain('24 November 2026');
    expect(m.text).toMatch(/19 artiklan/);
    expect(m.text).toMatch(/Article 19/);
    expect(m.text).toMatch(/korjaamaan/);
    expect(m.text).toMatch(/Please correct/);
    expect(m.html).toContain('Talous &amp; Co');
    expect(m.html).toContain('<div lang="fi">');
    expect(m.html).toContain('<div lang="en">');
    expect(m.text.indexOf('Hei,')).toBeLessThan(m.text.indexOf('Hello,'));
  });
});

describe('deadlineDigestMail', () => {
  test('lists overdue first, then due soon, with ids, types, statuses and dates', () => {
    const m = deadlineDigestMail(c, {
      dueSoon: [{ requestId: 'req-soon', type: 'access', status: 'verified', dueAt: '2026-11-26T08:00:00Z' }],
      overdue: [
        { requestId: 'req-late-2', type: 'erasure', status: 'awaiting_decision', dueAt: '2026-11-20T08:00:00Z' },
        { requestId: 'req-late-1', type: 'objection', status: 'awaiting_decision', dueAt: '2026-11-10T08:00:00Z' },
      ],
      adminUrl: `${BASE}/admin`,
    });
    expectWellFormed(m);
    expect(m.subject).toMatch(/2 myöhässä, 1 erääntyy pian/);
    const fi = m.text.slice(0, m.text.indexOf('Hello,'));
    expect(fi.indexOf('req-late-1')).toBeLessThan(fi.indexOf('req-late-2'));
    expect(fi.indexOf('req-late-2')).toBeLessThan(fi.indexOf('req-soon'));
    expect(fi).toContain('req-late-1: Käsittelyn vastustaminen, odottaa päätöstä, määräaika 10.11.2026');
    expect(m.text).toContain('req-soon: Access to personal data, verified, due 26 November 2026');
    expect(m.text).toContain(`${BASE}/admin`);
  });
  test('an empty digest says so', () => {
    const m = deadlineDigestMail(c, { dueSoon: [], overdue: [], adminUrl: `${BASE}/admin` });
    expect(m.text).toMatch(/No requests are overdue or due soon/);
  });
});

describe('objectionAppliedMail', () => {
  test.each(LANGUAGES)('%s: direct marketing in force now; the others go to a decision', (lang) => {
    const m = objectionAppliedMail(c, { language: lang, objections: ['directMarketing', 'distanceSelling', 'publication'] });
    expectWellFormed(m);
    expect(m.text).toMatch(lang === 'fi' ? /voimassa heti/ : /in force now/);
    expect(m.text).toMatch(lang === 'fi' ? /21 artiklan 3 kohta/ : /Art\. 21\(3\)/);
    expect(m.text).toContain(objectionName.distanceSelling[lang]);
    expect(m.text).toContain(objectionName.publication[lang]);
    expect(m.text).not.toContain(objectionName.directMarketing[lang]);
  });
  test('direct marketing alone is a final answer with the authority', () => {
    const m = objectionAppliedMail(c, { language: 'en', objections: ['directMarketing'] });
    expectAuthority(m, 'en');
  });
});

describe('configuration drives the content', () => {
  test('another controller with its own contact person and authority', () => {
    const other: Controller = {
      ...c,
      name: 'Esimerkki <Ab>',
      contactPerson: { name: 'Anna "A" Admin', email: 'anna@example.eu' },
      supervisoryAuthority: { ...c.supervisoryAuthority, email: 'complaints@dpa.example.eu' },
    };
    const m = decisionMail(other, { language: 'en', type: 'restriction', outcome: 'refused', reason: 'r' });
    expect(m.text).toContain('Esimerkki <Ab>');
    expect(m.text).toContain('Anna "A" Admin, anna@example.eu');
    expect(m.text).toContain('complaints@dpa.example.eu');
    expect(m.html).toContain('Esimerkki &lt;Ab&gt;');
    expect(m.html).toContain('Anna &quot;A&quot; Admin');
    expect(m.html).not.toContain('<Ab>');
  });
  test('a link that is not http(s) is shown but never made an anchor', () => {
    const m = verifyMail(c, { language: 'en', type: 'access', link: 'javascript:alert(1)', expiresAt: '2026-11-24T12:30:00Z' });
    expect(m.html).not.toContain('href="javascript:');
    expect(m.text).toContain('javascript:alert(1)');
  });
});
