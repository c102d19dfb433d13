import {
  GetCommand,
  PutCommand,
  UpdateCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { chainEvent, GENESIS } from '../domain/audit';
import { DomainError } from '../domain/errors';
import type { ExportRecord, RequestStore, RequestSummary, TokenRecord } from '../domain/ports';
import { queryPages } from './dynamodb-query';
import { rateCounterUpdate, rateWindow } from './dynamodb-rate-limiter';
import type { AuditEvent, DsrRequest, RequestStatus } from '../domain/types';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];


const EXPORT_LIVE = 'EXPORT_LIVE';

export const requestKey = (requestId: string) => ({ pk: `REQ#${requestId}`, sk: 'REQUEST' });
export const tokenKey = (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' });
const auditKey = (requestId: string, seq: number) => ({ pk: `REQ#${requestId}`, sk: `AUDIT#${String(seq).padStart(6, '0')}` });

/** Index attributes kept beside the request so `byStatus` lists by status, ordered by due date. */
const statusDue = (r: Pick<DsrRequest, 'dueAt' | 'requestId'>) => `${r.dueAt}#${r.requestId}`;
const STRIP = new Set(['pk', 'sk', 'statusDue']);
const toRequest = (item: Record<string, unknown>): DsrRequest =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !STRIP.has(k))) as unknown as DsrRequest;

const ttlSeconds = (isoTime: string, graceDays: number) => Math.floor(Date.parse(isoTime) / 1000) + graceDays * 86_400;


const isConditionalFailure = (e: unknown) =>
  e instanceof TransactionCanceledException ||
  (e instanceof Error && (e.name === 'TransactionCanceledException' || e.name === 'ConditionalCheckFailedException'));

/** Which of the transaction's items failed its condition (DynamoDB answers one reason per item). */
const cancelledAt = (e: unknown): number[] => {
  const reasons = (e as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
  return reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
};

export const dynamoRequestStore = (ddb: DynamoDBDocumentClient, table: string): RequestStore => {
  const auditPut = (e: AuditEvent): TransactItem => ({
    Put: { TableName: table, Item: { ...auditKey(e.requestId, e.seq), ...e }, ConditionExpression: 'attribute_not_exists(pk)' },
  });

  return {
    async create(r, event, guards = {}) {
      const first = chainEvent(r.requestId, 1, GENESIS, r.receivedAt, event);
      const item = { ...requestKey(r.requestId), ...r, auditSeq: 1, auditHead: first.hash, statusDue: statusDue(r) };
      const now = new Date(r.receivedAt);
      const limits = guards.limits ?? [];
      const idem = guards.idempotency;
      const idemKey = idem ? { pk: `IDEM#${idem.keyHash}`, sk: 'IDEM' } : undefined;
      // One round trip: the request, its first event, its abuse counters and its idempotency key.
      const items: TransactItem[] = [
        { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        auditPut(first),
        ...limits.map((l): TransactItem => ({ Update: rateCounterUpdate(table, l, now) })),
      ];
      if (idem && idemKey) {
        items.push({
          Put: {
            TableName: table,
            Item: { ...idemKey, requestId: r.requestId, bodyDigest: idem.bodyDigest, ttl: ttlSeconds(idem.expiresAt, 0) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      try {
        await ddb.send(new TransactWriteCommand({ TransactItems: items }));
        return { created: true };
      } catch (err) {
        if (!isConditionalFailure(err)) throw err;
        const failed = cancelledAt(err);
        const idemIndex = 2 + limits.length;
        if (idemKey && failed.includes(idemIndex)) {
          const prior = await ddb.send(new GetCommand({ TableName: table, Key: idemKey, ConsistentRead: true }));
          if (prior.Item) return { created: false, requestId: String(prior.Item.requestId), bodyDigest: String(prior.Item.bodyDigest) };
        }
        const over = limits.filter((_, i) => failed.includes(2 + i));
        if (over.length) {
          return { created: false, limited: true, retryAfterSeconds: Math.max(...over.map((l) => rateWindow(l.windowSeconds, now).retryAfterSeconds)) };
        }
        throw err;
      }
    },

    async get(requestId) {
      const res = await ddb.send(new GetCommand({ TableName: table, Key: requestKey(requestId), ConsistentRead: true }));
      return res.Item ? toRequest(res.Item) : undefined;
    },

    async transition(current, change, event, now) {
      const seq = current.auditSeq + 1;
      const e = chainEvent(current.requestId, seq, current.auditHead, now, event);
      const set: Record<string, unknown> = { ...change.set, auditSeq: seq, auditHead: e.hash, updatedAt: now };
      if (change.set?.dueAt !== undefined || change.set?.status !== undefined) {
        set.statusDue = statusDue({ dueAt: change.set.dueAt ?? current.dueAt, requestId: current.requestId });
      }
      const names: Record<string, string> = { '#seq': 'auditSeq' };
      const values: Record<string, unknown> = { ':expected': current.auditSeq };
      const assignments = Object.entries(set).map(([k, v], i) => {
        names[`#s${i}`] = k;
        values[`:s${i}`] = v;
        return `#s${i} = :s${i}`;
      });
      if (change.effect) {
        names['#effects'] = 'effects';
        values[':effect'] = [change.effect];
        values[':none'] = [];
        assignments.push('#effects = list_append(if_not_exists(#effects, :none), :effect)');
      }
      const removals = (change.remove ?? []).map((k, i) => {
        names[`#r${i}`] = k;
        return `#r${i}`;
      });
      const update =
        `SET ${assignments.join(', ')}` + (removals.length ? ` REMOVE ${removals.join(', ')}` : '');

      const items: TransactItem[] = [
        {
          Update: {
            TableName: table,
            Key: requestKey(current.requestId),
            UpdateExpression: update,
            ConditionExpression: '#seq = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        auditPut(e),
      ];
      if (change.consumeToken) {
        const t = change.consumeToken;
        items.push({
          Update: {
            TableName: table,
            Key: tokenKey(t.tokenHash),
            UpdateExpression: 'SET usedAt = :now',
            ConditionExpression:
              'attribute_exists(pk) AND requestId = :rid AND purpose = :purpose AND expiresAt > :now AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':now': t.now, ':rid': current.requestId, ':purpose': t.purpose },
          },
        });
      }

      try {
        await ddb.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (err) {
        if (!isConditionalFailure(err)) throw err;
        const failed = cancelledAt(err);
        if (change.consumeToken && failed.includes(2)) {
          throw new DomainError(400, 'invalid_or_expired_token', 'This link is unknown, used or expired');
        }
        throw new DomainError(409, 'concurrent_update', 'The request changed meanwhile; try again');
      }
      const next: Record<string, unknown> = { ...current, ...set };
      delete next.statusDue;
      for (const k of change.remove ?? []) delete next[k];
      if (change.effect) next.effects = [...(current.effects ?? []), change.effect];
      return next as unknown as DsrRequest;
    },

    async audit(requestId) {
      const events: AuditEvent[] = [];
      for await (const items of queryPages(ddb, {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':pk': `REQ#${requestId}`, ':audit': 'AUDIT#' },
        ConsistentRead: true,
      })) {
        for (const { pk: _pk, sk: _sk, ...e } of items) events.push(e as AuditEvent);
      }
      return events;
    },

    async listByStatus(status: RequestStatus, opts = {}) {
      const out: RequestSummary[] = [];
      let startKey: Record<string, unknown> | undefined;
      const limit = opts.limit ?? 500;
      do {
        const res = await ddb.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'byStatus',
            KeyConditionExpression: opts.dueBefore ? '#status = :status AND statusDue < :due' : '#status = :status',
            ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
            ExpressionAttributeValues: { ':status': status, ...(opts.dueBefore ? { ':due': opts.dueBefore } : {}) },
            ProjectionExpression: 'requestId, #type, #status, receivedAt, dueAt',
            ExclusiveStartKey: startKey,
            Limit: Math.min(limit - out.length, 500),
          }),
        );
        for (const item of res.Items ?? []) out.push(item as RequestSummary);
        startKey = res.LastEvaluatedKey;
      } while (startKey && out.length < limit);
      return out;
    },

    async getToken(tokenHash) {
      const res = await ddb.send(new GetCommand({ TableName: table, Key: tokenKey(tokenHash), ConsistentRead: true }));
      if (!res.Item) return undefined;
      const { pk: _pk, sk: _sk, ttl: _ttl, ...t } = res.Item;
      return t as TokenRecord;
    },

    async putExport(e) {
      // Live exports sit in the byStatus index under EXPORT_LIVE, by expiry, for the sweep to delete.
      await ddb.send(
        new PutCommand({
          TableName: table,
          Item: { pk: `REQ#${e.requestId}`, sk: `EXPORT#${e.exportId}`, ...e, status: EXPORT_LIVE, statusDue: `${e.expiresAt}#${e.exportId}` },
        }),
      );
    },

    async expiredExports(now, limit) {
      const res = await ddb.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'byStatus',
          KeyConditionExpression: '#status = :s AND statusDue < :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':s': EXPORT_LIVE, ':now': now },
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map(({ pk: _pk, sk: _sk, status: _s, statusDue: _d, ...e }) => e as ExportRecord);
    },

    async markExportDeleted(e, at) {
      await ddb.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: `REQ#${e.requestId}`, sk: `EXPORT#${e.exportId}` },
          UpdateExpression: 'SET deletedAt = :at REMOVE #status, statusDue',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    },

    async getExport(requestId, exportId) {
      const res = await ddb.send(
        new GetCommand({ TableName: table, Key: { pk: `REQ#${requestId}`, sk: `EXPORT#${exportId}` }, ConsistentRead: true }),
      );
      if (!res.Item) return undefined;
      const { pk: _pk, sk: _sk, status: _s, statusDue: _d, ...e } = res.Item;
      return e as ExportRecord;
    },

    async putToken(t) {
      // Kept a while past expiry so a late click still meets "expired", not "unknown".
      await ddb.send(
        new PutCommand({
          TableName: table,
          Item: { ...tokenKey(t.tokenHash), ...t, ttl: ttlSeconds(t.expiresAt, 30) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
  };
};
