/**
 * CDK entry (cdk.json runs it with tsx, so there is no compile step and no type-check on synth).
 * All the building is in build.ts, which the tests import without running this file.
 */
import { App } from 'aws-cdk-lib';
import { buildApp, NonEuRegionError } from './build';

// No version reporting (AWS::CDK::Metadata); cdk.json turns off CLI telemetry and notices.
const app = new App({ analyticsReporting: false });
try {
  buildApp(app);
} catch (error) {
  // The EU guard's message is the whole story; a stack trace would only bury it.
  if (!(error instanceof NonEuRegionError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
