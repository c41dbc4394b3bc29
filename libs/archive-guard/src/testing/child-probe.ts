import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

export interface ProbeResult<T = unknown> {
  value?: T;
  error?: { name: string; message: string; problems?: unknown };
  /** Wall time of the call. */
  ms: number;
  /** The child's peak RSS just before and just after the call; the difference is what it cost. */
  peakBeforeKb: number;
  peakAfterKb: number;
}

const PROBE = resolve(__dirname, 'memory-probe.js');

/**
 * Runs `exportName` from a TypeScript module (a path from the repository root) on the archive in
 * `archivePath`, in a fresh Node process, and returns its outcome with that process's peak RSS
 * before and after. A fresh process because Jest's own heap would drown a 50 MB signal.
 */
export async function probeInChild<T = unknown>(modulePath: string, exportName: string, archivePath: string, arg?: unknown): Promise<ProbeResult<T>> {
  const { stdout } = await promisify(execFile)(process.execPath, [PROBE, modulePath, exportName, archivePath, arg === undefined ? '' : JSON.stringify(arg)], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as ProbeResult<T>;
}
