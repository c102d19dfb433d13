import { domainToASCII } from 'node:url';

/** Addresses compare case-insensitively; the keyed hash is of this form. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Google's two names for one mail service; their local parts ignore dots. */
const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox an address delivers to, as far as spelling goes: the limits count mailboxes, so a
 * new spelling of one mailbox must not buy a new budget. Letter case, a `+tag` in the local part
 * (sub-addressing, common to most providers), an internationalised domain in Unicode or in
 * punycode, and a root dot after the domain make no new mailbox; on gmail.com and googlemail.com
 * (one service) neither do dots in the local part. Only for counting: the register is found by
 * `normaliseEmail`, and mail goes to the address as written.
 *
 * Erring towards "the same mailbox" is safe here: two people merged by it share a limit of 5 a
 * day, while two spellings of one victim split apart would double the mail bomb.
 */
export const canonicalMailbox = (email: string): string => {
  const lower = email.trim().toLowerCase().normalize('NFC');
  const at = lower.lastIndexOf('@');
  if (at <= 0 || at === lower.length - 1) return lower;
  const rawDomain = lower.slice(at + 1).replace(/\.$/, '');
  const domain = (rawDomain && domainToASCII(rawDomain)) || rawDomain;
  let local = lower.slice(0, at);
  const plus = local.indexOf('+');
  // "+tag" alone (nothing before the plus) is a local part of its own, not a tag.
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL.has(domain)) {
    const undotted = local.replace(/\./g, '');
    if (undotted) local = undotted;
    return `${local}@gmail.com`;
  }
  return `${local}@${domain}`;
};
