import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';

type Part = 'node' | 'postgres' | 'broker';
/** CPU seconds used by each part that shares this machine's cores during a benchmark, and their sum. */
export type CpuUse = Record<Part | 'total', number>;
/**
 * CPU so far: other processes' seconds keyed by pid and start time (a pid reused by a new process
 * is a new key, never a negative difference), this process's own from `process.cpuUsage` (to the
 * microsecond, where /proc counts 10 ms ticks), and its event loop's busy time.
 */
export type CpuReading = { others: Map<string, { part: Exclude<Part, 'node'>; seconds: number }>; self: NodeJS.CpuUsage; loop: EventLoopUtilization };

/** Whether other processes can be read at all (Linux); without, only this process's figures mean anything. */
export const CAN_READ_OTHER_PROCESSES = existsSync('/proc/self/stat');

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks on every common kernel build. */
const TICKS_PER_SECOND = 100;

/** The Kafka broker among Java processes (S3Proxy, for one, is Java too): by its main class. */
function isKafkaBroker(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
  } catch {
    return false;
  }
}

/**
 * This process, every PostgreSQL process and the Kafka broker. Without /proc (not Linux) only this
 * process is read, and the other parts are 0. This process is read after /proc, and before it in
 * `cpuSince`, so reading /proc is not counted as the benchmark's CPU.
 */
export function readCpu(): CpuReading {
  const others = readOthers();
  return { others, self: process.cpuUsage(), loop: performance.eventLoopUtilization() };
}

function readOthers(): CpuReading['others'] {
  const others: CpuReading['others'] = new Map();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    // not Linux
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const { name, seconds, startTime } = parseStat(stat);
    const part = name.startsWith('postgres') ? 'postgres' : name === 'java' && isKafkaBroker(pid) ? 'broker' : undefined;
    if (part) others.set(`${pid}@${startTime}`, { part, seconds });
  }
  return others;
}

/** A /proc/<pid>/stat line's command name, CPU seconds in user and kernel mode (utime + stime) and start time in ticks. */
export function parseStat(stat: string): { name: string; seconds: number; startTime: number } {
  // The name is in parentheses and may itself hold spaces or parentheses (a PostgreSQL backend's
  // does not, but a renamed thread's may): the fields count from the last closing parenthesis.
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' '); // from field 3, the state
  return { name: stat.slice(stat.indexOf('(') + 1, close), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, startTime: Number(fields[19]) };
}

/**
 * CPU seconds used since `since` by each part, and the share of that time this process's event
 * loop was busy (0–1; its CPU counts every thread, GC helpers too, the loop only the main one). A
 * process started meanwhile (a new pooled session) counts whole; one that ended meanwhile is
 * missed, which pooled sessions and the broker do not do during a run.
 */
export function cpuSince(since: CpuReading): CpuUse & { loopBusy: number } {
  const self = process.cpuUsage(since.self);
  const loop = performance.eventLoopUtilization(since.loop);
  const node = (self.user + self.system) / 1e6;
  const use = { node, postgres: 0, broker: 0, total: node, loopBusy: loop.utilization };
  for (const [key, { part, seconds }] of readOthers()) {
    const used = seconds - (since.others.get(key)?.seconds ?? 0);
    use[part] += used;
    use.total += used;
  }
  return use;
}
