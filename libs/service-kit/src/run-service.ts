import 'reflect-metadata';
import { LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@assay/observability';
import { LOGGER } from './tokens';

/** Routes Nest's own log lines into the service's JSON logger. */
class NestLogAdapter implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) { this.logger.info({ context }, String(message)); }
  error(message: unknown, trace?: string, context?: string) { this.logger.error({ context, trace }, String(message)); }
  warn(message: unknown, context?: string) { this.logger.warn({ context }, String(message)); }
  debug(message: unknown, context?: string) { this.logger.debug({ context }, String(message)); }
  verbose(message: unknown, context?: string) { this.logger.trace({ context }, String(message)); }
}

/** Creates the Nest application with the platform's defaults. Tests call it with port 0. */
export async function createServiceApp(module: Type<unknown>): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(new NestLogAdapter(app.get<Logger>(LOGGER)));
  // Bodies are small JSON documents; anything larger is refused with 413 before parsing.
  app.useBodyParser('json', { limit: '64kb' });
  // Workbook uploads arrive as raw bytes; the handler checks the content, not the declared type.
  app.useBodyParser('raw', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', limit: '2mb' });
  // Framework documents (licensee imports) are larger than API bodies and parsed by the importer.
  app.useBodyParser('text', { type: ['application/vnd.assay.framework+json', 'application/vnd.assay.answers+json', 'application/yaml', 'text/csv'], limit: '1mb' });
  return app;
}

export async function runService(module: Type<unknown>, port: number): Promise<void> {
  const app = await createServiceApp(module);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
  const logger = app.get<Logger>(LOGGER);
  logger.info({ port }, 'service listening');
  exitGracefullyOn(['SIGTERM', 'SIGINT'], app, logger);
}

/**
 * Graceful stop: stop taking requests, let consumers finish their message and commit, let the
 * relay finish its batch, close pools; exit 0. A stop that hangs is cut off after 20 s.
 */
function exitGracefullyOn(signals: NodeJS.Signals[], app: NestExpressApplication, logger: Logger): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, 20_000).unref();
    try {
      await app.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of signals) process.once(signal, () => void stop(signal));
}
