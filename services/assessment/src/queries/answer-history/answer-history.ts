import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { Pool } from 'pg';
import { loadAggregate } from '@assay/event-store';
import { APP_POOL, CurrentPrincipal, NotFoundProblem, Requires } from '@assay/service-kit';
import { Principal, withTenantTransaction } from '@assay/tenancy';
import type { components } from '@assay/api-types/assessment';
import { assessmentDecider } from '../../domain/assessment.decider';
import { AssessmentEvent } from '../../domain/assessment.events';
import { assessmentStore, assessmentStreamId } from '../../infrastructure/assessment-store';

type AnswerHistory = components['schemas']['AnswerHistory'];
type Entry = AnswerHistory['entries'][number];

/** Every value an item had, who gave it and when, from the assessment's own events. */
export function answerHistory(events: AssessmentEvent[], questionId: string): Entry[] {
  return events.flatMap((event): Entry[] => {
    switch (event.type) {
      case 'AnswerRecorded':
        if (event.data.questionId !== questionId) return [];
        return [{ kind: 'answered', value: event.data.value, ...(event.data.note ? { note: event.data.note } : {}), by: event.data.recordedBy, at: event.data.recordedAt }];
      case 'AnswersCarriedForward':
        if (!(questionId in event.data.answers)) return [];
        return [{ kind: 'carried-forward', value: event.data.answers[questionId], from: event.data.from, toConfirm: event.data.toConfirm, at: event.data.carriedAt }];
      case 'AnswerConfirmed':
        return event.data.questionId === questionId ? [{ kind: 'confirmed', by: event.data.confirmedBy, at: event.data.confirmedAt }] : [];
      default:
        return [];
    }
  });
}

@Controller('v1/assessments/:assessmentId/answers/:questionId/history')
export class AnswerHistoryHttpController {
  constructor(@Inject(APP_POOL) private readonly pool: Pool) {}

  @Requires('assessment:read')
  @Get()
  async history(@CurrentPrincipal() p: Principal, @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string, @Param('questionId') questionId: string): Promise<AnswerHistory> {
    const { state, events } = await withTenantTransaction(this.pool, p.tenantId, (client) => loadAggregate(assessmentStore, client, assessmentDecider, p.tenantId, assessmentStreamId(assessmentId)));
    if (state.status === 'not-started') throw new NotFoundProblem(`assessment ${assessmentId}`);
    return { assessmentId, questionId, entries: answerHistory(events, questionId) };
  }
}
