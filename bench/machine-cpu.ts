import { readdirSync, readFileSync } from 'node:fs';

type Part = 'node' | 'postgres' | 'broker';
/** CPU seconds used by each part that shares this machine's cores during a benchmark, and their sum. */
export type CpuUse = Record<Part | 'total', number>;
/** CPU seconds so far, by process: what `cpuSince` subtracts. */
export type CpuReading = Map<number, { part: Part; seconds: number }>;

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
 * This process, every PostgreSQL process and the Kafka broker, read from /proc. Without /proc (not Linux) the reading is empty and every figure 0.
 */
export function readCpu(): CpuReading {
  const reading: CpuReading = new Map();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return reading;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const { name, seconds } = parseStat(stat);
    const part: Part | undefined = pid === process.pid ? 'node' : name.startsWith('postgres') ? 'postgres' : name === 'java' && isKafkaBroker(pid) ? 'broker' : undefined;
    if (part) reading.set(pid, { part, seconds });
  }
  return reading;
}

/** A /proc/<pid>/stat line's command name and CPU seconds in user and kernel mode (utime + stime). */
export function parseStat(stat: string): { name: string; seconds: number } {
  // The name is in parentheses and may itself hold spaces or parentheses (a PostgreSQL backend's
  // does not, but a renamed thread's may): the fields count from the last closing parenthesis.
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' '); // from field 3, the state
  return { name: stat.slice(stat.indexOf('(') + 1, close), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
}

/**
 * CPU seconds used since `since` by each process alive now: one started meanwhile (a new pooled
 * session) counts whole, one that ended meanwhile is missed, which pooled sessions and the broker
 * do not do during a run.
 */
export function cpuSince(since: CpuReading): CpuUse {
  const use: CpuUse = { node: 0, postgres: 0, broker: 0, total: 0 };
  for (const [pid, now] of readCpu()) {
    const seconds = now.seconds - (since.get(pid)?.seconds ?? 0);
    use[now.part] += seconds;
    use.total += seconds;
  }
  return use;
}
