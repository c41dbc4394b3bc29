import { StreamCommandQueue } from './stream-command-queue';

/** A command that records when it starts and ends and finishes only when released. */
function heldCommand(log: string[], name: string, outcome: 'ok' | 'fail' = 'ok') {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const command = async () => {
    log.push(`${name} starts`);
    await released;
    log.push(`${name} ends`);
    if (outcome === 'fail') throw new Error(`${name} failed`);
    return name;
  };
  return { command, release };
}

const turns = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('StreamCommandQueue', () => {
  it('runs the commands of one stream one after another, in the order they came', async () => {
    const queue = new StreamCommandQueue();
    const log: string[] = [];
    const first = heldCommand(log, 'first');
    const second = heldCommand(log, 'second');
    const results = [queue.run('t', 's', first.command), queue.run('t', 's', second.command)];
    await turns();
    expect(log).toEqual(['first starts']);
    first.release();
    await turns();
    expect(log).toEqual(['first starts', 'first ends', 'second starts']);
    second.release();
    await expect(Promise.all(results)).resolves.toEqual(['first', 'second']);
  });

  it('runs commands of other streams, and of the same stream id in another tenant, side by side', async () => {
    const queue = new StreamCommandQueue();
    const log: string[] = [];
    const commands = [heldCommand(log, 'a'), heldCommand(log, 'b'), heldCommand(log, 'other tenant')];
    const results = [queue.run('t', 'a', commands[0].command), queue.run('t', 'b', commands[1].command), queue.run('u', 'a', commands[2].command)];
    await turns();
    expect(log).toEqual(['a starts', 'b starts', 'other tenant starts']);
    commands.forEach((c) => c.release());
    await Promise.all(results);
  });

  it('runs the next command after one that failed, and hands each caller its own outcome', async () => {
    const queue = new StreamCommandQueue();
    const log: string[] = [];
    const failing = heldCommand(log, 'failing', 'fail');
    const next = heldCommand(log, 'next');
    const failed = queue.run('t', 's', failing.command);
    const succeeded = queue.run('t', 's', next.command);
    failing.release();
    next.release();
    await expect(failed).rejects.toThrow('failing failed');
    await expect(succeeded).resolves.toBe('next');
  });

  it('forgets a stream once nothing runs or waits on it', async () => {
    const queue = new StreamCommandQueue();
    const log: string[] = [];
    const only = heldCommand(log, 'only');
    const result = queue.run('t', 's', only.command);
    expect(queue.busyStreams).toBe(1);
    only.release();
    await result;
    await turns();
    expect(queue.busyStreams).toBe(0);
  });
});
