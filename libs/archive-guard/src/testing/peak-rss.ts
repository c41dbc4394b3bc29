import { readFileSync } from 'node:fs';

/**
 * A process's peak resident set (VmHWM, kB) from /proc: the high-water mark, so it catches a
 * burst of memory that was already freed by the time anyone looks. Linux only.
 */
export function peakRssKb(pid: number | 'self' = 'self'): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]);
}
