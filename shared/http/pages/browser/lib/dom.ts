/** DOM helpers the three scripts share. */
import type { Lang } from './text';

/** An element with optional text (as text, never HTML) and class. */
export const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | null, className?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
};

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T | null => document.getElementById(id) as T | null;

/** All matches as an array. */
export const all = <T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] => Array.from(root.querySelectorAll<T>(selector) as unknown as ArrayLike<T>);

/** The page's language, from <html lang>: the server renders it. */
export const pageLang = (): Lang => (document.documentElement.getAttribute('lang') === 'en' ? 'en' : 'fi');

export interface JsonAnswer { status: number; ok: boolean; data: unknown }

/** The answer's status and its JSON body (null when there is none or it is not JSON). */
export const readJson = async (res: Response): Promise<JsonAnswer> => {
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  return { status: res.status, ok: res.ok, data };
};

export const postJson = (url: string, body: unknown): Promise<JsonAnswer> =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
    redirect: 'error',
  }).then(readJson);

/** The contract's error code of an answer, or ''. */
export const errorCode = (data: unknown): string => {
  const error = data && typeof data === 'object' ? (data as { error?: unknown }).error : undefined;
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
};

export const onReady = (fn: () => void): void => {
  if (typeof document === 'undefined') return;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
  else fn();
};
