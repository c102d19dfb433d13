import { DynamoDBClient, ScanCommand, QueryCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamo, freePort } from '../shared/local/emulators';
import { ensureTable } from '../shared/local/provision';
import { registerTable } from '../shared/adapters/tables';

const main = async () => {
  const t0 = Date.now();
  const dyn = await startDynamo({ port: await freePort() });
  console.log('ddb up', Date.now() - t0);
  const ddb = new DynamoDBClient({ endpoint: dyn.endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(ddb);
  await ensureTable(ddb, 'reg', registerTable);
  const N = Number(process.argv[2] ?? 20000);
  const t1 = Date.now();
  let next = 0;
  const worker = async () => {
    for (;;) {
      const start = next; next += 25;
      if (start >= N) return;
      const items = [];
      for (let i = start; i < Math.min(N, start + 25); i++) items.push({ PutRequest: { Item: { pk: `CUST#c${i}`, sk: 'PROFILE', customerId: `c${i}`, emailHash: `h${i}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, firstName: 'Matti', lastName: 'Meikäläinen', email: `matti${i}@example.fi`, phone: '+358401234567', postalAddress: { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' }, ...(i % 1000 === 0 ? { retentionKey: 'DUE', retentionDueAt: '2020-01-01T00:00:00.000Z', relationshipEndedAt: '2010-01-01' } : {}) } } });
      let req: any = items;
      while (req.length) { const r = await doc.send(new BatchWriteCommand({ RequestItems: { reg: req } })); req = r.UnprocessedItems?.reg ?? []; }
    }
  };
  await Promise.all(Array.from({ length: Number(process.argv[3] ?? 8) }, worker));
  console.log('wrote', N, 'in', Date.now() - t1, 'ms');
  let rcu = 0, items = 0; let start: any; let pages = 0;
  const t2 = Date.now();
  do { const r = await ddb.send(new ScanCommand({ TableName: 'reg', ReturnConsumedCapacity: 'TOTAL', ExclusiveStartKey: start })); rcu += r.ConsumedCapacity?.CapacityUnits ?? 0; items += r.Count ?? 0; start = r.LastEvaluatedKey; pages++; } while (start);
  console.log('scan', { rcu, items, pages, ms: Date.now() - t2 });
  const q = await ddb.send(new QueryCommand({ TableName: 'reg', IndexName: 'byRetentionDue', KeyConditionExpression: 'retentionKey = :k AND retentionDueAt <= :n', ExpressionAttributeValues: { ':k': { S: 'DUE' }, ':n': { S: '2030' } }, ProjectionExpression: 'pk, retentionDueAt', Limit: 25, ReturnConsumedCapacity: 'TOTAL' }));
  console.log('query', q.Count, JSON.stringify(q.ConsumedCapacity));
  const g = await ddb.send(new GetItemCommand({ TableName: 'reg', Key: { pk: { S: 'CUST#c5' }, sk: { S: 'PROFILE' } }, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
  console.log('get', JSON.stringify(g.ConsumedCapacity));
  ddb.destroy();
  await dyn.stop();
};
main();
