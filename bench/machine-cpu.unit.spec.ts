import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cpuSince, parseStat, readCpu } from './machine-cpu';

/** Burns `seconds` of this process's CPU (not wall time: on a loaded machine the two part). */
function spinCpu(seconds: number): number {
  const start = process.cpuUsage();
  let spins = 0;
  for (;;) {
    for (let i = 0; i < 10_000; i++) spins++;
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1e6 >= seconds) return spins;
  }
}

describe('machine CPU readings for the relay benchmark', () => {
  it('takes the name, utime + stime and start time from a stat line whose name holds spaces and parentheses', () => {
    // Fields from the state on: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime, cutime, cstime, priority, nice, threads, itrealvalue, starttime, …
    const line = '4242 (postgres: assay (relay) idle) S 1 4242 4242 0 -1 4194560 120 0 0 0 250 50 0 0 20 0 1 0 9999 1000';
    expect(parseStat(line)).toEqual({ name: 'postgres: assay (relay) idle', seconds: 3, startTime: 9999 });
  });

  it('counts the CPU this process burns between two readings as node, and its event loop as busy', () => {
    const before = readCpu();
    expect(spinCpu(0.3)).toBeGreaterThan(0);
    const used = cpuSince(before);
    expect(used.node).toBeGreaterThanOrEqual(0.3);
    expect(used.node).toBeLessThan(0.33);
    expect(used.loopBusy).toBeGreaterThan(0.9); // nothing but the spin ran on the loop
    expect(used.total).toBeGreaterThanOrEqual(used.node);
  });

  it('counts an idle event loop as idle', () => {
    // In a process of its own: jest runs every project's suites in one process, and what an earlier
    // suite left running would keep this loop busy. Node runs the TypeScript file as it is.
    const waitIdle = `import { readCpu, cpuSince } from ${JSON.stringify(join(__dirname, 'machine-cpu.ts'))};
      const before = readCpu();
      setTimeout(() => console.log(JSON.stringify(cpuSince(before))), 200);`;
    const used = JSON.parse(execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', waitIdle], { encoding: 'utf8' }));
    expect(used.loopBusy).toBeLessThan(0.2);
    expect(used.node).toBeGreaterThanOrEqual(0); // the reading came from the module under test
  });

  it('counts a process whose pid was reused (another start time) whole, never negative', () => {
    const before = readCpu();
    // Every other process read as an earlier one of the same pid, with far more CPU used.
    const reused = new Map([...before.others].map(([key, reading]) => [key.replace(/@\d+$/, '@0'), { ...reading, seconds: reading.seconds + 1e6 }]));
    const used = cpuSince({ ...before, others: reused });
    expect(used.postgres).toBeGreaterThanOrEqual(0);
    expect(used.broker).toBeGreaterThanOrEqual(0);
    expect(used.postgres + used.broker).toBeLessThan(1e6);
  });
});
