import { OVERDUE_METRIC } from '../../infra/stacks/api-stack';
import { overdueMetric } from '../../shared/services/retention';

test('the retention run publishes the overdue count under the name and namespace the alarm watches', () => {
  // Act
  const line = JSON.parse(overdueMetric(3, 1_700_000_000_000)) as {
    _aws: { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> };
    OverdueRequests: number;
  };

  // Assess
  const directive = line._aws.CloudWatchMetrics[0];
  expect(directive?.Namespace).toBe(OVERDUE_METRIC.namespace);
  expect(directive?.Metrics[0]?.Name).toBe(OVERDUE_METRIC.metricName);
  expect(directive?.Dimensions).toEqual([[]]);
  expect(line.OverdueRequests).toBe(3);
  expect(line._aws.Timestamp).toBe(1_700_000_000_000);
});
