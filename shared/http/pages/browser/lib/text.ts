/** Small text helpers the scripts share. Pure: no DOM, so unit tests import them directly. */

export type Lang = 'fi' | 'en';

/** Own-property look-up, safe for keys that come from the server (`__proto__`, `toString`). */
export const has = (map: object, key: string): boolean => Object.prototype.hasOwnProperty.call(map, key);

/** Fills `{name}` placeholders; unknown ones stay as they are. */
export const fmt = (template: string, vars: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (m, key: string) => (has(vars, key) ? String(vars[key]) : m));

/** The human name of a key (a status, a type…), or the key itself when the words have none. */
export const nameOf = (map: Readonly<Record<string, string>>, key: unknown): string => {
  const k = String(key);
  return has(map, k) ? (map[k] ?? k) : k;
};
