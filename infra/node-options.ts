/**
 * Node options per function. The processor builds exports of any length: a small young generation
 * (4 MB semi-spaces instead of 16) keeps its peak memory flat at the cost of more, shorter
 * scavenges; `npm run bench` measures the export with exactly these options.
 */
export const NODE_OPTIONS = {
  default: '--enable-source-maps',
  processor: '--enable-source-maps --max-semi-space-size=4',
} as const;
