import { exportHtml, exportJson, ordersCsv, subjectProfile } from '../domain/export';
import type { ExportFile, ExportFiles, ExportRecord } from '../domain/ports';
import { sha256Hex, hashToken, newToken } from '../domain/token';
import type { Customer, DsrRequest, Order } from '../domain/types';
import * as mails from '../mail/templates';
import { done, exportLinkExpiry, record, type ProcessorDeps } from './processor';

/**
 * Access and portability: build the copy of the data, store it, mail a link to our own download
 * route, then complete. Each step is recorded before the next, so a crash or an S3 outage leaves
 * the request `verified` and the redelivery carries on from the last recorded step.
 */
export interface ExportDeps { files: ExportFiles }

/** Derived from the request, so a rebuilt export after a crash overwrites the same objects. */
export const exportIdFor = (requestId: string): string => sha256Hex(`export:${requestId}`).slice(0, 32);
export const exportPrefix = (requestId: string): string => `exports/${requestId}/`;

const FILES = {
  json: { name: 'data.json', contentType: 'application/json; charset=utf-8' },
  csv: { name: 'orders.csv', contentType: 'text/csv; charset=utf-8' },
  html: { name: 'report.html', contentType: 'text/html; charset=utf-8' },
} as const;

const noOrders: AsyncIterable<Order[]> = { async *[Symbol.asyncIterator]() {} };

export const buildExport = async (
  deps: ProcessorDeps & ExportDeps,
  r: DsrRequest,
  customerId: string | null,
): Promise<ExportRecord> => {
  const now = deps.clock.now().toISOString();
  const exportId = exportIdFor(r.requestId);
  const record = customerId ? await deps.register.getProfile(customerId) : undefined;
  const profile = record ? subjectProfile(record.customer as Customer) : null;
  const orders = (): AsyncIterable<Order[]> => (record && customerId ? deps.register.orders(customerId) : noOrders);
  const meta = { requestId: r.requestId, generatedAt: now, language: r.language, controller: deps.config.controller };
  const key = (name: string) => `${exportPrefix(r.requestId)}${exportId}/${name}`;
  const files: ExportFile[] = [];
  const put = async (spec: { name: string; contentType: string }, chunks: AsyncIterable<string>) => {
    const { bytes } = await deps.files.put(key(spec.name), chunks, spec.contentType);
    files.push({ name: spec.name, key: key(spec.name), contentType: spec.contentType, bytes });
  };
  await put(FILES.json, exportJson(meta, profile, orders()));
  if (profile && r.type === 'portability') await put(FILES.csv, ordersCsv(orders()));
  if (profile && r.type === 'access') await put(FILES.html, exportHtml(meta, profile, orders()));
  const e: ExportRecord = { exportId, requestId: r.requestId, language: r.language, files, createdAt: now, expiresAt: exportLinkExpiry(deps) };
  await deps.requests.putExport(e);
  if (record && customerId && !(record.exportRequests ?? []).includes(r.requestId)) {
    // So an erasure later finds and deletes this copy too.
    await deps.register.updateProfile(customerId, { set: { exportRequests: [...(record.exportRequests ?? []), r.requestId] } });
  }
  return e;
};

export const exportWork = (files: ExportFiles) => async (deps: ProcessorDeps, r: DsrRequest): Promise<DsrRequest | null> => {
  const d = { ...deps, files };
  if (!done(r, 'export:built')) {
    const customerId = (await deps.register.findByEmailHash(r.emailHash)) ?? null;
    const e = await buildExport(d, r, customerId);
    return record(deps, r, { set: { customerId }, effect: 'export:built' }, {
      type: 'export_built',
      actor: 'system',
      data: { exportId: e.exportId, files: e.files.map((f) => ({ name: f.name, bytes: f.bytes })), registerRecord: customerId !== null },
    });
  }
  if (!done(r, 'mail:export')) {
    if (!r.subject) return null;
    const exportId = exportIdFor(r.requestId);
    const e = await deps.requests.getExport(r.requestId, exportId);
    if (!e) throw new Error('Export record missing after build');
    const token = newToken();
    await deps.requests.putToken({ tokenHash: hashToken(token), requestId: r.requestId, purpose: 'export', exportId, expiresAt: e.expiresAt, language: r.language });
    const link = `${deps.config.publicBaseUrl}/exports/${exportId}?token=${token}`;
    const mail = mails.exportReadyMail(deps.config.controller, {
      language: r.language,
      type: r.type,
      link,
      expiresAt: e.expiresAt,
      hasData: r.customerId !== null && r.customerId !== undefined,
    });
    await deps.mailer.send(r.subject.email, mail);
    return record(deps, r, { effect: 'mail:export' }, { type: 'mail_sent', actor: 'system', data: { mail: 'export_ready', to: 'subject', exportId } });
  }
  return record(deps, r, { set: { status: 'completed' } }, { type: 'completed', actor: 'system' });
};
