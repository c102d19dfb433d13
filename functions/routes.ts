/**
 * The one route table. The CDK API stack makes one HTTP API route per row (and one Lambda function
 * per distinct `fn`); the local server dispatches the same rows to the same handler modules.
 * Paths use API Gateway v2 syntax.
 */
export type FunctionName = 'health' | 'pages' | 'submit' | 'verify' | 'download' | 'admin' | 'decide';
export type BackgroundFunctionName = 'processor' | 'retention';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  fn: FunctionName;
  /** `staff`: behind the JWT authorizer (Cognito in AWS, the local issuer in the local stack). */
  auth: 'public' | 'staff';
}

export const routes: readonly Route[] = [
  { method: 'GET', path: '/health', fn: 'health', auth: 'public' },
  { method: 'GET', path: '/', fn: 'pages', auth: 'public' },
  { method: 'GET', path: '/assets/{asset}', fn: 'pages', auth: 'public' },
  { method: 'GET', path: '/requests/verify', fn: 'pages', auth: 'public' },
  // The staff console's shell is public; everything it shows comes from the staff API behind the authorizer.
  { method: 'GET', path: '/admin', fn: 'pages', auth: 'public' },
  { method: 'POST', path: '/requests', fn: 'submit', auth: 'public' },
  { method: 'POST', path: '/requests/verify', fn: 'verify', auth: 'public' },
  { method: 'GET', path: '/exports/{exportId}', fn: 'download', auth: 'public' },
  { method: 'GET', path: '/admin/requests', fn: 'admin', auth: 'staff' },
  { method: 'GET', path: '/admin/requests/{requestId}', fn: 'admin', auth: 'staff' },
  { method: 'GET', path: '/admin/customers/{customerId}', fn: 'admin', auth: 'staff' },
  { method: 'POST', path: '/admin/requests/{requestId}/decision', fn: 'decide', auth: 'staff' },
  // The health check's details (each part and why): staff only; the public /health says up or degraded.
  { method: 'GET', path: '/admin/health', fn: 'health', auth: 'staff' },
];

/** Every function and its entry file, HTTP and background alike. */
export const functionEntries: Record<FunctionName | BackgroundFunctionName, string> = {
  health: 'functions/health/handler.ts',
  pages: 'functions/pages/handler.ts',
  submit: 'functions/submit/handler.ts',
  verify: 'functions/verify/handler.ts',
  download: 'functions/download/handler.ts',
  admin: 'functions/admin/handler.ts',
  decide: 'functions/decide/handler.ts',
  processor: 'functions/processor/handler.ts',
  retention: 'functions/retention/handler.ts',
};
