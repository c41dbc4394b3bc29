import { isDatabaseUnavailable } from './pg-errors';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('database unavailable (HTTP 503, retry later) versus a request error', () => {
  it.each([
    ['25006', pgError('25006')],
    ['57014', pgError('57014')],
    ['55P03', pgError('55P03')],
    ['57P01', pgError('57P01')],
    ['08006', pgError('08006')],
    ['ECONNREFUSED', pgError('ECONNREFUSED')],
    ['no socket file (a stopped server, over its Unix socket)', Object.assign(pgError('ENOENT'), { syscall: 'connect' })],
    ['unusable client', new Error('Client has encountered a connection error and is not queryable')],
    ['lost connection', new Error('Connection terminated unexpectedly')],
  ])('%s means unavailable', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['unique violation', pgError('23505')],
    ['syntax error', pgError('42601')],
    ['a plain error', new Error('nope')],
    ['a missing file that is no connection', Object.assign(pgError('ENOENT'), { syscall: 'open' })],
    ['undefined', undefined],
  ])('%s does not', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
