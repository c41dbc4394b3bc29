import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { repoPath } from '@assay/postgres';
import { eventually } from './eventually';

export type ServiceName = 'assessment' | 'scoring' | 'reporting';

/** Test ports differ from the demo's (300x) so a running demo never answers a test. */
export const TEST_PORTS: Record<ServiceName, number> = { assessment: 4101, scoring: 4102, reporting: 4103 };

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

  get logFile(): string {
    return repoPath('.infra/logs', `test-${this.name}.log`);
  }

  async start(): Promise<void> {
    mkdirSync(repoPath('.infra/logs'), { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, ['--enable-source-maps', repoPath('dist/services', this.name, 'src/main.js')], {
      env: {
        ...process.env,
        ASSESSMENT_PORT: String(TEST_PORTS.assessment),
        SCORING_PORT: String(TEST_PORTS.scoring),
        REPORTING_PORT: String(TEST_PORTS.reporting),
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

const run = promisify(execFile);

/** The real broker, stopped and started with the project's own script. */
export const kafkaBroker = {
  stop: () => run('bash', [repoPath('deploy/kafka/kafka.sh'), 'stop']),
  start: () => run('bash', [repoPath('deploy/kafka/kafka.sh'), 'start']),
};
