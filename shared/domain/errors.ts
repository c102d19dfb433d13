/**
 * A rule the caller broke. `status` is the HTTP status the edge answers with; `code` is the
 * stable `error.code` of the contract. Anything that is not a DomainError becomes a bare 500.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429,
    readonly code: string,
    message: string,
    readonly issues?: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code: string; message: string }>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what: string): DomainError => new DomainError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string): DomainError => new DomainError(409, code, message);
