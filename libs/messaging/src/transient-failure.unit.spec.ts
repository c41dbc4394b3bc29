import { ConcurrencyError } from '@assay/event-store';
import { isTransientFailure } from './transient-failure';

describe('transient failures are retried, not dead-lettered', () => {
  it.each([
    ['connection failure', Object.assign(new Error('x'), { code: '08006' })],
    ['admin shutdown', Object.assign(new Error('x'), { code: '57P01' })],
    ['too many connections', Object.assign(new Error('x'), { code: '53300' })],
    ['deadlock', Object.assign(new Error('x'), { code: '40P01' })],
    ['refused socket', Object.assign(new Error('x'), { code: 'ECONNREFUSED' })],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['lost race on a stream', new ConcurrencyError('s', 1, 2)],
  ])('%s is transient', (_, error) => expect(isTransientFailure(error)).toBe(true));

  it.each([
    ['a rule violation', new Error('scoring model rejected the answer')],
    ['a check violation', Object.assign(new Error('x'), { code: '23514' })],
    ['a unique violation', Object.assign(new Error('x'), { code: '23505' })],
  ])('%s is not', (_, error) => expect(isTransientFailure(error)).toBe(false));
});
