import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['shared/local/**', 'bench/**', 'test/**', 'infra/**'], rules: { 'no-console': 'off' } },
  {
    // The pure core stays pure: no AWS SDK, no clock-reading I/O libraries.
    files: ['shared/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', 'aws-cdk-lib*', '@middy/*', 'node:fs', 'fs'] }] },
  },
  {
    // Browser code (its own DOM tsconfig): nothing of Node or the server may slip into a page's bundle.
    files: ['shared/http/pages/browser/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'zod', 'zod/*', '@aws-sdk/*', '@middy/*', 'jose', '**/config', '**/adapters/*', '**/services/*', '**/local/*', '**/mail/*', '../*.ts', '../form', '../console', '../confirm', '../layout'] }],
      'no-console': 'error',
    },
  },
);
