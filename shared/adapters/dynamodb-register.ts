import { BatchWriteCommand, DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerRecord, DueItem, RegisterReader, RegisterStore } from '../domain/ports';
import { queryPages } from './dynamodb-query';
import type { Customer, CustomerFlags, Order } from '../domain/types';
import { RETENTION_KEY } from './tables';

export const customerPk = (customerId: string) => `CUST#${customerId}`;
const PROFILE = 'PROFILE';
const orderSk = (orderId: string) => `ORDER#${orderId}`;

const PROFILE_FIELDS = [
  'firstName', 'lastName', 'organization', 'organizationContact', 'email', 'phone', 'website', 'postalAddress', 'ipAddresses', 'relationshipEndedAt',
] as const;

const toRecord = (item: Record<string, unknown>): CustomerRecord => {
  const customer = { customerId: item.customerId } as Record<string, unknown>;
  for (const f of PROFILE_FIELDS) if (item[f] !== undefined) customer[f] = item[f];
  const flags: CustomerFlags = { restricted: item.restricted === true, suppressions: (item.suppressions as CustomerFlags['suppressions']) ?? [] };
  return {
    customer: customer as unknown as Customer,
    flags,
    ...(Array.isArray(item.exportRequests) ? { exportRequests: item.exportRequests as string[] } : {}),
    ...(item.erasurePending === true ? { erasurePending: true } : {}),
  };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** BatchWrite in chunks of 25, retrying what DynamoDB hands back unprocessed (throttling). */
export const batchPut = async (ddb: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> => {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (res.UnprocessedItems?.[table] ?? []) as typeof requests;
      if (requests.length > 0) await sleep(Math.min(1000, 50 * 2 ** attempt));
    }
  }
};

/** The register's reads: finding a subject, reading a record, listing what is due. */
export const dynamoRegisterReader = (ddb: DynamoDBDocumentClient, table: string): RegisterReader => ({
  async findByEmailHash(emailHash) {
    const res = await ddb.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byEmail',
        KeyConditionExpression: 'emailHash = :h',
        ExpressionAttributeValues: { ':h': emailHash },
        Limit: 1,
      }),
    );
    // The index holds keys only: the customer id is the item collection's key.
    const pk = res.Items?.[0]?.pk;
    return typeof pk === 'string' && pk.startsWith('CUST#') ? pk.slice(5) : undefined;
  },

  async findAllByEmailHash(emailHash) {
    const ids = new Set<string>();
    for await (const items of queryPages(ddb, {
      TableName: table,
      IndexName: 'byEmail',
      KeyConditionExpression: 'emailHash = :h',
      ExpressionAttributeValues: { ':h': emailHash },
    })) {
      for (const item of items) if (typeof item.pk === 'string' && item.pk.startsWith('CUST#')) ids.add(item.pk.slice(5));
    }
    return [...ids].sort();
  },

  async getProfile(customerId) {
    const res = await ddb.send(new GetCommand({ TableName: table, Key: { pk: customerPk(customerId), sk: PROFILE }, ConsistentRead: true }));
    return res.Item ? toRecord(res.Item) : undefined;
  },

  async *orders(customerId) {
    for await (const items of queryPages(ddb, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :o)',
      ExpressionAttributeValues: { ':pk': customerPk(customerId), ':o': 'ORDER#' },
      ConsistentRead: true,
      // Pages of a thousand keep a long history's export from holding megabytes of items at once.
      Limit: 1000,
    })) {
      const page = items.map(({ pk: _pk, sk: _sk, customerId: _c, ...o }) => o as Order);
      if (page.length) yield page;
    }
  },

  async get(customerId, opts = {}) {
    // One Query over the item collection: the orders (ORDER#…) sort before the PROFILE.
    let profile: Record<string, unknown> | undefined;
    const orders: Order[] = [];
    const pages = queryPages(ddb, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': customerPk(customerId) },
      ConsistentRead: opts.consistent ?? true,
    });
    for await (const items of pages) {
      for (const item of items) {
        if (item.sk === PROFILE) profile = item;
        else if (String(item.sk).startsWith('ORDER#')) {
          const { pk: _pk, sk: _sk, customerId: _c, ...o } = item;
          orders.push(o as Order);
        }
      }
    }
    if (!profile) return undefined;
    const record = toRecord(profile);
    if (orders.length) record.customer.orders = orders;
    return record;
  },

  async exists(customerId) {
    const res = await ddb.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': customerPk(customerId) },
        Select: 'COUNT',
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return (res.Count ?? 0) > 0;
  },

  async dueForRetention(now, limit) {
    const res = await ddb.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byRetentionDue',
        KeyConditionExpression: 'retentionKey = :k AND retentionDueAt <= :now',
        ExpressionAttributeValues: { ':k': RETENTION_KEY, ':now': now },
        ProjectionExpression: 'pk, retentionDueAt',
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map((i): DueItem => {
      const pk = String(i.pk);
      const dueAt = String(i.retentionDueAt);
      return pk.startsWith('VOUCHER#') ? { kind: 'voucher', invoiceId: pk.slice(8), dueAt } : { kind: 'customer', customerId: pk.slice(5), dueAt };
    });
  },
});

/** Reads and writes: intake of the register file, decisions, erasure and retention. */
export const dynamoRegisterStore = (ddb: DynamoDBDocumentClient, table: string): RegisterStore => ({
  ...dynamoRegisterReader(ddb, table),
  async upsert(customer, keys) {
    const { orders = [], customerId, ...profile } = customer;
    const write = async (withRetention: boolean) => {
      const set: Record<string, unknown> = { customerId, emailHash: keys.emailHash };
      for (const f of PROFILE_FIELDS) set[f] = (profile as Record<string, unknown>)[f];
      if (withRetention && keys.retentionDueAt) Object.assign(set, { retentionKey: RETENTION_KEY, retentionDueAt: keys.retentionDueAt });
      const present = Object.entries(set).filter(([, v]) => v !== undefined && v !== null);
      const absent = [...Object.entries(set).filter(([, v]) => v === undefined || v === null).map(([k]) => k)];
      if (withRetention && !keys.retentionDueAt) absent.push('retentionKey', 'retentionDueAt');
      const names = Object.fromEntries([...present.map(([k], i) => [`#p${i}`, k]), ...absent.map((k, i) => [`#a${i}`, k])]);
      const update =
        `SET ${present.map((_, i) => `#p${i} = :p${i}`).join(', ')}` +
        (absent.length ? ` REMOVE ${absent.map((_, i) => `#a${i}`).join(', ')}` : '');
      await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: customerPk(customerId), sk: PROFILE },
          UpdateExpression: update,
          ...(withRetention ? { ConditionExpression: 'attribute_not_exists(erasurePending)' } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: Object.fromEntries(present.map(([, v], i) => [`:p${i}`, v])),
        }),
      );
    };
    try {
      await write(true);
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      // An approved erasure waits for its holds: its place in the daily sweep (tomorrow's recheck)
      // is the erasure's, not the relationship's, so a merge must neither drop nor postpone it.
      await write(false);
    }
    await batchPut(ddb, table, orders.map((o) => ({ pk: customerPk(customerId), sk: orderSk(o.orderId), customerId, ...o })));
  },

  async updateProfile(customerId, { set = {}, remove = [] }) {
    const present = Object.entries(set);
    if (!present.length && !remove.length) return;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = present.map(([k, v], i) => {
      names[`#s${i}`] = k;
      values[`:s${i}`] = v;
      return `#s${i} = :s${i}`;
    });
    const removes = remove.map((k, i) => {
      names[`#r${i}`] = k;
      return `#r${i}`;
    });
    await ddb.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: customerPk(customerId), sk: PROFILE },
        UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ...(sets.length ? { ExpressionAttributeValues: values } : {}),
      }),
    );
  },

  async deleteOrders(customerId, orderIds) {
    for (let i = 0; i < orderIds.length; i += 25) {
      let requests = orderIds.slice(i, i + 25).map((id) => ({ DeleteRequest: { Key: { pk: customerPk(customerId), sk: orderSk(id) } } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (res.UnprocessedItems?.[table] ?? []) as typeof requests;
        if (requests.length > 0) await sleep(Math.min(1000, 50 * 2 ** attempt));
      }
    }
  },

  async deleteProfile(customerId) {
    await ddb.send(new DeleteCommand({ TableName: table, Key: { pk: customerPk(customerId), sk: PROFILE } }));
  },

  async claimForErasure(customerId, dueAt) {
    try {
      await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: customerPk(customerId), sk: PROFILE },
          UpdateExpression: 'SET erasing = :t',
          ConditionExpression: 'retentionDueAt = :due',
          ExpressionAttributeValues: { ':t': true, ':due': dueAt },
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  },

  async setRetentionDue(customerId, dueAt) {
    await ddb.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: customerPk(customerId), sk: PROFILE },
        UpdateExpression: 'SET retentionKey = :k, retentionDueAt = :due REMOVE erasing',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':k': RETENTION_KEY, ':due': dueAt },
      }),
    );
  },

  async deleteVoucher(invoiceId) {
    await ddb.send(new DeleteCommand({ TableName: table, Key: { pk: `VOUCHER#${invoiceId}`, sk: 'VOUCHER' } }));
  },

  async putVouchers(vouchers) {
    await batchPut(
      ddb,
      table,
      vouchers.map((v) => ({
        pk: `VOUCHER#${v.invoiceId}`,
        sk: 'VOUCHER',
        ...v,
        // Not the customer id: the voucher outlives the register record and must not lead back to it.
        formerCustomer: true,
        restricted: true,
        retentionKey: RETENTION_KEY,
        retentionDueAt: v.until,
      })),
    );
  },
});
