import { ConcurrencyError, StreamOrderConflict } from '@assay/event-store';
import { ContractViolationError } from './contract-registry';
import { PoisonMessageError, isPoisonMessage } from './failure-classification';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('handler failures: poison is listed, everything else is redelivered', () => {
  it.each([
    ['a handler rule error', new PoisonMessageError('scoring model rejected the answer')],
    ['a contract violation', new ContractViolationError('x', ['/value must be <= 3'])],
    ['a data exception (22P02 invalid text representation)', pgError('22P02')],
    ['a check violation (23514)', pgError('23514')],
    ['a not-null violation (23502)', pgError('23502')],
  ])('%s is poison', (_, error) => expect(isPoisonMessage(error)).toBe(true));

  it.each([
    ['read-only transaction after a failover (25006)', pgError('25006')],
    ['statement timeout (57014)', pgError('57014')],
    ['lock timeout (55P03)', pgError('55P03')],
    ['admin shutdown (57P01)', pgError('57P01')],
    ['connection failure (08006)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['deadlock (40P01)', pgError('40P01')],
    ['a unique violation from a race (23505)', pgError('23505')],
    ["pg's unusable client", new Error('Client has encountered a connection error and is not queryable')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a refused socket', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a lost race on a stream', new ConcurrencyError('s', 1, 2)],
    ['an overtaken append', new StreamOrderConflict('s')],
    ['an unknown error', new Error('something else')],
    ['a thrown non-error', 'boom'],
  ])('%s is redelivered', (_, error) => expect(isPoisonMessage(error)).toBe(false));
});
