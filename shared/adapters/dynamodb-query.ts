import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';

/** A Query, page by page: follows LastEvaluatedKey so callers never hold more than one page. */
export async function* queryPages(ddb: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<NonNullable<QueryCommandOutput['Items']>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await ddb.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    yield res.Items ?? [];
    startKey = res.LastEvaluatedKey;
  } while (startKey);
}
