import { cpuSince, parseStat, readCpu } from './machine-cpu';

describe('machine CPU readings for the relay benchmark', () => {
  it('takes the name and utime + stime from a stat line whose name holds spaces and parentheses', () => {
    // Fields from the state on: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime, …
    const line = '4242 (postgres: assay (relay) idle) S 1 4242 4242 0 -1 4194560 120 0 0 0 250 50 0 0 20 0 1 0 9999';
    expect(parseStat(line)).toEqual({ name: 'postgres: assay (relay) idle', seconds: 3 });
  });

  it('counts the CPU this process burns between two readings as node', () => {
    const before = readCpu();
    expect(before.get(process.pid)?.part).toBe('node');
    const until = process.hrtime.bigint() + 300_000_000n;
    let spins = 0;
    while (process.hrtime.bigint() < until) spins++;
    const used = cpuSince(before);
    expect(spins).toBeGreaterThan(0);
    expect(used.node).toBeGreaterThanOrEqual(0.2); // 0.3 s busy, read in 10 ms ticks
    expect(used.node).toBeLessThan(1);
    expect(used.total).toBeGreaterThanOrEqual(used.node);
  });
});
