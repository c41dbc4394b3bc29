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
  app.enableShutdownHooks();
  return app;
}

export async function runService(module: Type<unknown>, port: number): Promise<void> {
  const app = await createServiceApp(module);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
  app.get<Logger>(LOGGER).info({ port }, 'service listening');
}
