/** Addresses compare case-insensitively; the keyed hash is of this form. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
