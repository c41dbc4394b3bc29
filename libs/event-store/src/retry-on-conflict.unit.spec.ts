import { ConcurrencyError, StreamOrderConflict } from './concurrency-error';
import { retryOnConflict } from './handle-command';

/** A unit of work that fails `failures` times with `error`, then returns how often it ran. */
function flaky(failures: number, error: () => Error) {
  let runs = 0;
  return { work: async () => (++runs > failures ? runs : Promise.reject(error())), runs: () => runs };
}

describe('retryOnConflict', () => {
  it('re-runs a unit of work that lost a race, up to the attempt limit', async () => {
    await expect(retryOnConflict(flaky(2, () => new ConcurrencyError('s', 1, 2)).work, 3)).resolves.toBe(3);
    await expect(retryOnConflict(flaky(3, () => new ConcurrencyError('s', 1, 2)).work, 3)).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('does not re-run when the client pinned the version (If-Match): that conflict is theirs', async () => {
    const attempt = flaky(1, () => new ConcurrencyError('s', 1, 2));
    await expect(retryOnConflict(attempt.work, 3, true)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(attempt.runs()).toBe(1);
  });

  it('re-runs an overtaken append even when pinned: the version matched, the transaction was too old', async () => {
    await expect(retryOnConflict(flaky(1, () => new StreamOrderConflict('s')).work, 3, true)).resolves.toBe(2);
  });

  it('never re-runs other errors', async () => {
    const attempt = flaky(1, () => new Error('rule broken'));
    await expect(retryOnConflict(attempt.work, 3)).rejects.toThrow('rule broken');
    expect(attempt.runs()).toBe(1);
  });
});
