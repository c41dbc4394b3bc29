import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { AIMA_PRACTICES, InferenceResult, SHIPPED_CROSSWALKS, aimaQuestionIdsOf, inferAcrossCrosswalks } from '@assay/frameworks';
import { aimaPracticeMaturity } from '@assay/scoring-models';
import { AssessmentView, GetAssessmentQuery } from '../get-assessment/get-assessment.query';

export class PreviewCrosswalkQuery {
  constructor(
    readonly tenantId: string,
    readonly assessmentId: string,
    readonly target: { frameworkId: string; version: string },
  ) {}
}

export type CrosswalkPreview = InferenceResult & { target: { frameworkId: string; version: string } };

/**
 * What the assessment's answers imply in another framework, along the shipped crosswalks, with
 * provenance per derived value. A preview: nothing is stored.
 */
@QueryHandler(PreviewCrosswalkQuery)
export class PreviewCrosswalkHandler implements IQueryHandler<PreviewCrosswalkQuery, CrosswalkPreview> {
  constructor(private readonly queryBus: QueryBus) {}

  async execute({ tenantId, assessmentId, target }: PreviewCrosswalkQuery): Promise<CrosswalkPreview> {
    const view = await this.queryBus.execute<GetAssessmentQuery, AssessmentView>(new GetAssessmentQuery(tenantId, assessmentId));
    const answers = Object.fromEntries(view.answers.map((a) => [a.questionId, a.value]));
    const answered = (practiceId: string) => view.answers.some((a) => a.questionId.startsWith(`${practiceId}-`) && a.value !== null);
    // Practice maturity (0–3) on the common 0–1 attainment scale; practices nobody answered carry nothing.
    const values = Object.fromEntries(
      AIMA_PRACTICES.filter((p) => answered(p.id)).map((p) => [
        p.id,
        { attainment: aimaPracticeMaturity(aimaQuestionIdsOf(p.id).map((q) => answers[q] ?? null), p.id) / 3 },
      ]),
    );
    return { target, ...inferAcrossCrosswalks([{ frameworkId: view.frameworkId, version: view.frameworkVersion, values }], SHIPPED_CROSSWALKS, target) };
  }
}
