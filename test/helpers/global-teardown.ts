import { rm } from 'node:fs/promises';
import { takeHandles } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const handles = takeHandles();
  if (handles === undefined) return;
  await Promise.allSettled(handles.emulators.map((e) => e.stop()));
  await rm(handles.s3Dir, { recursive: true, force: true });
}
