import pino from 'pino';
import { currentLogContext } from './log-context';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout; tenant and correlation ids come from the async context. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => ({ ...currentLogContext() }),
  });
}
