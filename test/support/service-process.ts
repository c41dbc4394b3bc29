import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { repoPath } from '@assay/postgres';
import { eventually } from './eventually';

export type ServiceName = 'assessment' | 'scoring' | 'reporting' | 'evidence';

/** Test ports differ from the demo's (300x) so a running demo never answers a test. */
export const TEST_PORTS: Record<ServiceName, number> = { assessment: 4101, scoring: 4102, reporting: 4103, evidence: 4104 };

export const TEST_QUEUE_PREFIX = 'assay-test';

export const serviceUrl = (name: ServiceName) => `http://127.0.0.1:${TEST_PORTS[name]}`;

/** A built service (dist/) running as its own process, as in production. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;

  constructor(readonly name: ServiceName) {}

  /** The running process's id, e.g. to read its peak memory from /proc/<pid>/status; undefined when stopped. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Started and not exited (a crash would show here). */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get logFile(): string {
    return repoPath('.infra/logs', `test-${this.name}.log`);
  }

  async start(): Promise<void> {
    mkdirSync(repoPath('.infra/logs'), { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    // ASSAY_SERVICE_NODE_ARGS: extra Node flags for the services only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`
    // to profile them under a benchmark's load (NODE_OPTIONS refuses --cpu-prof).
    const extraArgs = (process.env.ASSAY_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, ['--enable-source-maps', ...extraArgs, repoPath('dist/services', this.name, 'src/main.js')], {
      env: {
        ...process.env,
        ASSESSMENT_PORT: String(TEST_PORTS.assessment),
        SCORING_PORT: String(TEST_PORTS.scoring),
        REPORTING_PORT: String(TEST_PORTS.reporting),
        EVIDENCE_PORT: String(TEST_PORTS.evidence),
        // Jobs of test processes never meet a demo's workers, which share Redis and the database.
        ASSAY_QUEUE_PREFIX: TEST_QUEUE_PREFIX,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}; see ${this.logFile}`);
      const response = await fetch(`${serviceUrl(this.name)}/health/ready`);
      if (response.status !== 200) throw new Error(`${this.name} not ready: ${response.status}`);
    }, 60_000, 250);
  }

  /** SIGTERM waits for a graceful stop and returns the exit code; SIGKILL simulates a crash. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<number | null> {
    if (!this.child) return null;
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill(signal);
    const code = (await this.exited) ?? null;
    this.child = undefined;
    return code;
  }
}

/** Starts built services (by default the three of the answer → score → scorecard path) before a spec file's tests and stops them after; returns them in order. */
export function withRunningServices(names: readonly ServiceName[] = ['assessment', 'scoring', 'reporting']): ServiceProcess[] {
  const services = names.map((name) => new ServiceProcess(name));
  beforeAll(() => Promise.all(services.map((s) => s.start())));
  afterAll(() => Promise.all(services.map((s) => s.stop())));
  return services;
}

const run = promisify(execFile);

/** The real broker, stopped and started with the project's own script. */
export const kafkaBroker = {
  stop: () => run('bash', [repoPath('deploy/kafka/kafka.sh'), 'stop']),
  start: () => run('bash', [repoPath('deploy/kafka/kafka.sh'), 'start']),
};

/** The machine's PostgreSQL cluster, stopped ("fast": sessions are cut) and started as an outage would. */
export const postgresServer = {
  stop: async () => run('pg_ctlcluster', ['--skip-systemctl-redirect', await postgresVersion(), 'main', 'stop', '-m', 'fast']),
  start: async () => {
    const ready = () => run('pg_isready', ['-q', '-h', '127.0.0.1']);
    if (await ready().then(() => true, () => false)) return;
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', await postgresVersion(), 'main', 'start']);
    await eventually(ready, 30_000, 250);
  },
  /** Every new transaction read-only (SQLSTATE 25006 on writes), as a database just failed over to. */
  readOnly: async (on: boolean) => {
    const psql = (sql: string) => run('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
    await psql(on ? 'ALTER SYSTEM SET default_transaction_read_only = on' : 'ALTER SYSTEM RESET default_transaction_read_only');
    await psql('SELECT pg_reload_conf()');
  },
};

async function postgresVersion(): Promise<string> {
  const { stdout } = await run('bash', ['-c', 'ls /etc/postgresql | sort -V | tail -n1']);
  return stdout.trim();
}
