/**
 * canonicalMailbox: the per-address limit counts mailboxes, not spellings. Exhaustive cases of
 * every rule, and properties over generated addresses: no spelling of one mailbox escapes it,
 * and different mailboxes stay apart.
 */
import fc from 'fast-check';
import { canonicalMailbox, normaliseEmail } from '../../shared/domain/email';

describe('canonicalMailbox, case by case', () => {
  test.each<[string, string]>([
    // letter case, anywhere
    ['X@gmail.com', 'x@gmail.com'],
    ['Maija.Meikalainen@Example.FI', 'maija.meikalainen@example.fi'],
    ['  maija@example.fi \n', 'maija@example.fi'],
    // +tag, on any domain; only the first plus starts the tag
    ['x+1@gmail.com', 'x@gmail.com'],
    ['maija+dsr@example.fi', 'maija@example.fi'],
    ['maija+a+b@example.fi', 'maija@example.fi'],
    ['maija+@example.fi', 'maija@example.fi'],
    // a local part that is only "+tag" has nothing before the tag: kept as written
    ['+tag@example.fi', '+tag@example.fi'],
    // dots in the local part: ignored by Gmail only
    ['x.y@gmail.com', 'xy@gmail.com'],
    ['x.y@googlemail.com', 'xy@gmail.com'],
    ['.x..y.@gmail.com', 'xy@gmail.com'],
    ['X.Y+spam@GoogleMail.com', 'xy@gmail.com'],
    ['x.y@example.fi', 'x.y@example.fi'],
    ['x.y@gmail.com.example.fi', 'x.y@gmail.com.example.fi'],
    ['x.y@mail.gmail.com', 'x.y@mail.gmail.com'],
    ['x.y@notgmail.com', 'x.y@notgmail.com'],
    // only dots: nothing left to undot, kept
    ['...@gmail.com', '...@gmail.com'],
    // the root dot after a domain names the same domain
    ['x@gmail.com.', 'x@gmail.com'],
    ['maija@example.fi.', 'maija@example.fi'],
    // an internationalised domain in Unicode or punycode is one domain
    ['maija@Müller.de', 'maija@xn--mller-kva.de'],
    ['maija@xn--mller-kva.de', 'maija@xn--mller-kva.de'],
    // the last @ splits the address
    ['"a@b"@example.fi', '"a@b"@example.fi'],
    // not an address: left as the normalised text (the schema refuses it before this is reached)
    ['no-at-sign', 'no-at-sign'],
    ['@example.fi', '@example.fi'],
    ['maija@', 'maija@'],
  ])('%s is the mailbox %s', (input, mailbox) => {
    expect(canonicalMailbox(input)).toBe(mailbox);
  });

  test('the spellings of the contract share one mailbox: x+1@gmail.com, X@gmail.com, x.y@googlemail.com vs xy', () => {
    expect(new Set(['x+1@gmail.com', 'X@gmail.com', 'x@googlemail.com', 'X+Y@GOOGLEMAIL.COM'].map(canonicalMailbox))).toEqual(new Set(['x@gmail.com']));
    expect(new Set(['x.y@googlemail.com', 'xy@gmail.com', 'X.Y+tag@gmail.com'].map(canonicalMailbox))).toEqual(new Set(['xy@gmail.com']));
  });

  test('the register lookup form is unchanged: normaliseEmail keeps tags and dots', () => {
    expect(normaliseEmail(' X.Y+1@GoogleMail.com ')).toBe('x.y+1@googlemail.com');
  });
});

describe('canonicalMailbox, properties (fast-check)', () => {
  const atom = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
  const local = fc.array(atom, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
  const tag = fc.stringMatching(/^[a-z0-9.+_-]{0,10}$/);
  const otherDomain = fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/), { minLength: 1, maxLength: 2 }).map((labels) => `${labels.join('.')}.fi`);
  const gmail = fc.constantFrom('gmail.com', 'googlemail.com');
  /** Randomly upper-cases letters: the same address in another case. */
  const recase = (s: string, mask: boolean[]) => [...s].map((ch, i) => (mask[i % mask.length] ? ch.toUpperCase() : ch)).join('');
  const mask = fc.array(fc.boolean(), { minLength: 1, maxLength: 16 });

  test('is idempotent on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
      expect(canonicalMailbox(canonicalMailbox(s))).toBe(canonicalMailbox(s));
    }), { numRuns: 2000 });
  });

  test('case and a +tag never make a new mailbox, on any domain', () => {
    fc.assert(fc.property(local, tag, fc.oneof(otherDomain, gmail), mask, (l, t, d, m) => {
      expect(canonicalMailbox(recase(`${l}+${t}@${d}`, m))).toBe(canonicalMailbox(`${l}@${d}`));
    }));
  });

  test('on gmail.com and googlemail.com, dots anywhere in the local part never make a new mailbox', () => {
    fc.assert(fc.property(local, fc.array(fc.nat(), { maxLength: 5 }), gmail, gmail, (l, cuts, d1, d2) => {
      let dotted = l;
      for (const c of cuts) {
        const at = c % (dotted.length + 1);
        dotted = `${dotted.slice(0, at)}.${dotted.slice(at)}`;
      }
      expect(canonicalMailbox(`${dotted}@${d1}`)).toBe(canonicalMailbox(`${l}@${d2}`));
      expect(canonicalMailbox(`${dotted}@${d1}`)).toBe(`${l.replace(/\./g, '')}@gmail.com`);
    }));
  });

  test('different mailboxes stay apart: other local parts, other domains, and dots outside Gmail', () => {
    fc.assert(fc.property(local, local, otherDomain, (a, b, d) => {
      fc.pre(a !== b);
      expect(canonicalMailbox(`${a}@${d}`)).not.toBe(canonicalMailbox(`${b}@${d}`));
      expect(canonicalMailbox(`${a}@${d}`)).not.toBe(canonicalMailbox(`${a}@x${d}`));
    }));
  });

  test('the result is lower-case, without a tag, and on gmail.com for either Google domain', () => {
    fc.assert(fc.property(local, tag, fc.oneof(otherDomain, gmail), mask, (l, t, d, m) => {
      const c = canonicalMailbox(recase(`${l}+${t}@${d}`, m));
      expect(c).toBe(c.toLowerCase());
      expect(c.split('@')[0]).not.toContain('+');
      expect(c.endsWith('@googlemail.com')).toBe(false);
    }));
  });
});
