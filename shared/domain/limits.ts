/**
 * The one set of input limits. The edge schemas enforce them, the server-rendered pages put them in
 * `maxlength` attributes and the browser scripts check them before sending, so a limit is changed
 * here and nowhere else. Pure data: the browser bundles import this file too.
 */
export const LIMITS = {
  /** First and last name, and the signature's full name (characters). */
  name: 200,
  /** An email address (RFC 5321's path limit). */
  email: 254,
  /** The free-text details of a request. */
  details: 2000,
  /** A rectification's new value. */
  changeValue: 500,
  /** A rectification's reason. */
  changeReason: 2000,
  /** Rectification rows the API accepts in one request. */
  changes: 50,
  /** Rectification rows the form offers: keeps a full form well under `bodyBytes`. */
  formChanges: 10,
  /** The reason of a refusal or an extension. */
  decisionReason: 4000,
  /** A confirm-link token as the API and the confirm page accept it (longer ones are simply unknown). */
  verifyToken: 200,
  /** Any JSON request body (bytes). */
  bodyBytes: 16 * 1024,
} as const;
