import { errorFacts, makeLogger } from '../../shared/logger';
import { toErrorResponse } from '../../shared/http/edge';

describe('logger', () => {
  test('writes one JSON line with level, message, service, time and the attributes given', () => {
    // Prepare
    const lines: string[] = [];
    const logger = makeLogger('submit', (l) => lines.push(l));

    // Act
    logger.info('request filed', { requestId: 'r-1' });
    logger.warn('slow', { ms: 5 });

    // Assess
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(first).toMatchObject({ level: 'INFO', message: 'request filed', service: 'submit', requestId: 'r-1' });
    expect(Date.parse(String(first.timestamp))).not.toBeNaN();
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ level: 'WARN', ms: 5 });
  });

  test('attributes cannot overwrite level, message or service', () => {
    const lines: string[] = [];
    makeLogger('admin', (l) => lines.push(l)).error('boom', { level: 'INFO', service: 'x', message: 'y' });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'ERROR', message: 'boom', service: 'admin' });
  });

  test('LOG_LEVEL=ERROR drops info and warn', () => {
    const before = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'ERROR';
    try {
      const lines: string[] = [];
      const logger = makeLogger('x', (l) => lines.push(l));
      logger.info('a');
      logger.warn('b');
      logger.error('c');
      expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).toEqual(['c']);
    } finally {
      if (before === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = before;
    }
  });
});

describe('errors in logs', () => {
  // SES says which address it refused, DynamoDB which value failed validation.
  const leaky = Object.assign(new Error('Email address is not verified: maija@example.fi'), {
    name: 'MessageRejected',
    $metadata: { httpStatusCode: 400 },
  });

  test('errorFacts keeps the name and status, never the message', () => {
    expect(errorFacts(leaky)).toEqual({ errorName: 'MessageRejected', httpStatus: 400 });
    expect(errorFacts('thrown string')).toEqual({ errorName: 'unknown' });
  });

  test('an unhandled error becomes a bare 500 and a log line without its message', () => {
    // Prepare
    const lines: string[] = [];
    const logger = makeLogger('edge', (l) => lines.push(l));

    // Act
    const res = toErrorResponse(leaky, logger);

    // Assess
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('maija');
    expect(lines.join('\n')).not.toContain('maija');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ errorName: 'MessageRejected', httpStatus: 400 });
  });
});
