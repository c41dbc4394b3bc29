import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { APP_POOL } from '@assay/service-kit';
import { AiSystemProfile, AiSystemState } from '../../domain/ai-system';
import { asProblem } from '../../http/assessment-problem';
import { runAiSystemCommand } from '../../infrastructure/ai-systems';
import { AiSystemView, ChangeAiSystemCommand, RegisterAiSystemCommand } from './ai-system.commands';

/** The system as the API shows it, and its stream version for the ETag. */
export type AiSystemWritten = { system: AiSystemView; streamVersion: number };

export function toAiSystemView(s: AiSystemState): AiSystemView {
  if (s.status !== 'registered') throw new Error('no such system');
  const { systemId, name, owner, purpose, lifecycleStage, profile, version, archived, registeredAt, updatedAt } = s;
  return { id: systemId, name, owner, purpose, lifecycleStage, profile, version, archived, registeredAt, updatedAt };
}

@CommandHandler(RegisterAiSystemCommand)
export class RegisterAiSystemHandler implements ICommandHandler<RegisterAiSystemCommand, AiSystemWritten> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ principal, body, request }: RegisterAiSystemCommand): Promise<AiSystemWritten> {
    try {
      const outcome = await runAiSystemCommand(this.pool, principal.tenantId, { type: 'RegisterAiSystem', data: { systemId: randomUUID(), ...body, profile: body.profile as AiSystemProfile, by: principal.subject, now: new Date() } }, request);
      return { system: toAiSystemView(outcome.state), streamVersion: outcome.version };
    } catch (error) {
      throw asProblem(error);
    }
  }
}

@CommandHandler(ChangeAiSystemCommand)
export class ChangeAiSystemHandler implements ICommandHandler<ChangeAiSystemCommand, AiSystemWritten> {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  async execute({ principal, systemId, change, request, expectedVersion }: ChangeAiSystemCommand): Promise<AiSystemWritten> {
    const by = principal.subject;
    const now = new Date();
    try {
      const outcome = await runAiSystemCommand(
        this.pool,
        principal.tenantId,
        change.kind === 'archive'
          ? { type: 'ArchiveAiSystem', data: { systemId, by, now } }
          : { type: 'ChangeAiSystem', data: { systemId, changes: change.body as never, by, now } },
        request,
        expectedVersion,
      );
      return { system: toAiSystemView(outcome.state), streamVersion: outcome.version };
    } catch (error) {
      throw asProblem(error);
    }
  }
}
