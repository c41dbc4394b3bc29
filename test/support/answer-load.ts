import { Pool } from 'pg';
import { AIMA_QUESTION_IDS, aimaPracticeOf } from '@assay/frameworks';
import { TenantClient } from './api-client';
import { scoresByNode } from './scorecard-tree';
import { eventually } from './eventually';

export interface PlannedAnswer {
  assessmentId: string;
  questionId: string;
  value: number;
}

/**
 * `total` answers spread over enough assessments that no question is answered twice, so every
 * answer must show up as exactly one applied answer and one score event downstream.
 */
export async function planAnswers(client: TenantClient, total: number): Promise<PlannedAnswer[]> {
  const assessmentCount = Math.ceil(total / AIMA_QUESTION_IDS.length);
  const assessments: string[] = [];
  for (let i = 0; i < assessmentCount; i++) assessments.push(await client.startAssessment(`load ${i}`));
  return Array.from({ length: total }, (_, i) => ({
    assessmentId: assessments[i % assessmentCount],
    questionId: AIMA_QUESTION_IDS[Math.floor(i / assessmentCount)],
    value: (i * 7 + 3) % 4,
  }));
}

/**
 * Sends answers over HTTP with bounded concurrency; every one must be accepted. With
 * `retryUnavailableMs`, a 503 (the service cannot reach its database) or a lost connection is
 * retried for that long, as a client would during an outage; re-sending an answer already recorded
 * changes nothing, so a retry after a lost response cannot count twice.
 */
export async function sendAnswers(client: TenantClient, answers: PlannedAnswer[], concurrency = 8, retryUnavailableMs = 0): Promise<{ unavailable: number }> {
  let next = 0;
  let unavailable = 0;
  const send = async (a: PlannedAnswer) => {
    const deadline = Date.now() + retryUnavailableMs;
    for (;;) {
      const response = await client.answer(a.assessmentId, a.questionId, a.value).catch((error: Error) => ({ status: 0, body: error.message }));
      if (response.status === 200) return;
      const retryable = response.status === 503 || response.status === 0;
      if (!retryable || Date.now() > deadline) throw new Error(`answer ${a.questionId} refused: ${response.status} ${JSON.stringify(response.body)}`);
      unavailable++;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const worker = async () => {
    while (next < answers.length) await send(answers[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { unavailable };
}

/** Practice maturities by the toolkit formula, computed independently of the services. */
export function expectedScorecards(answers: PlannedAnswer[]): Map<string, { count: number; practices: Map<string, number> }> {
  const cards = new Map<string, { count: number; practices: Map<string, number> }>();
  for (const a of answers) {
    const card = cards.get(a.assessmentId) ?? { count: 0, practices: new Map() };
    const practice = aimaPracticeOf(a.questionId)!;
    card.count++;
    card.practices.set(practice, (card.practices.get(practice) ?? 0) + a.value / 6);
    cards.set(a.assessmentId, card);
  }
  return cards;
}

/**
 * Every answer reached the scorecard exactly once: per assessment, reporting applied as many score
 * events as answers were sent, plus the opening one (a duplicate effect anywhere makes it larger, a
 * loss smaller), and the scoring store holds exactly one score event per answer and per assessment.
 */
export async function expectEveryAnswerScoredOnce(client: TenantClient, answers: PlannedAnswer[], admin: Pool, timeoutMs: number) {
  const expected = expectedScorecards(answers);
  await eventually(
    async () => {
      for (const [assessmentId, card] of expected) {
        const r = await client.call('reporting', 'GET', `/v1/scorecards/${assessmentId}`);
        expect(r.status).toBe(200);
        expect({ assessmentId, applied: r.body.answersApplied, scoreEvents: r.body.scoreEventsApplied }).toEqual({
          assessmentId,
          applied: card.count,
          scoreEvents: card.count + 1, // the assessment's opening scores, then one per answer
        });
        const scores = scoresByNode(r.body);
        for (const [practiceId, maturity] of card.practices) expect(scores.get(practiceId)).toBeCloseTo(maturity, 9);
      }
    },
    timeoutMs,
    1_000,
  );
  // Score events caused by an answer carry it; the opening ones (one per assessment) do not.
  const scored = await admin.query(`SELECT count(*)::int AS n, count(DISTINCT data->>'sourceEventId')::int AS distinct_sources FROM scoring.events WHERE tenant_id = $1 AND data ? 'answer'`, [
    client.tenantId,
  ]);
  expect(scored.rows[0]).toEqual({ n: answers.length, distinct_sources: answers.length });
}
