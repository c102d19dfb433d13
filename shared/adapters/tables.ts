/**
 * Key design of the two tables, as plain data: the CDK data stack and the local stack both build
 * their tables from this, so they cannot drift. Every read the product makes is a GetItem or a
 * Query on these keys; none is a Scan.
 */
/**
 * `projection`: `all` copies whole items into the index; `keys` only the table's and the index's
 * keys, for an index that only finds items (smaller reads, and no personal data in the copy).
 */
export interface IndexDef { name: string; partitionKey: string; sortKey?: string; projection: 'all' | 'keys' }
export interface TableDef {
  id: 'requests' | 'register';
  partitionKey: string;
  sortKey: string;
  indexes: IndexDef[];
  ttlAttribute?: string;
  stream: boolean;
}

/**
 * Requests: one item collection per request (pk `REQ#id`: sk `REQUEST`, `AUDIT#000001`…, `EXPORT#id`).
 * Tokens live under their hash (pk `TOKEN#sha256`), rate counters under `RATE#…`, idempotency keys
 * under `IDEM#…`. The sparse `byStatus` index (REQUEST items only) lists requests by status and due date.
 */
export const requestsTable: TableDef = {
  id: 'requests',
  partitionKey: 'pk',
  sortKey: 'sk',
  // The staff list and the digest read the summary straight from the index.
  indexes: [{ name: 'byStatus', partitionKey: 'status', sortKey: 'statusDue', projection: 'all' }],
  ttlAttribute: 'ttl',
  stream: true,
};

/**
 * Register: one item collection per customer (pk `CUST#id`: sk `PROFILE`, `ORDER#id`). Vouchers
 * kept for the Accounting Act after erasure live apart (pk `VOUCHER#invoiceId`). `byEmail` finds a
 * verified subject by the keyed hash of the address; `byRetentionDue` is sparse (only records whose
 * relationship has ended, and held vouchers) so the daily sweep queries `retentionDueAt <= now`.
 */
export const registerTable: TableDef = {
  id: 'register',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    // Both only find keys; the record itself is then read from the table.
    { name: 'byEmail', partitionKey: 'emailHash', projection: 'keys' },
    { name: 'byRetentionDue', partitionKey: 'retentionKey', sortKey: 'retentionDueAt', projection: 'keys' },
  ],
  stream: false,
};

export const RETENTION_KEY = 'DUE';
export const tables = [requestsTable, registerTable] as const;
