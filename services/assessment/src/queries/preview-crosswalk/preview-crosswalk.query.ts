import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { HttpStatus } from '@nestjs/common';
import { InferenceResult, SHIPPED_CROSSWALKS, inferAcrossCrosswalks, knownValuesOf, scoreFramework } from '@assay/frameworks';
import { NotFoundProblem, ProblemError } from '@assay/service-kit';
import { assessmentFrameworks } from '../../infrastructure/assessment-frameworks';
import { AssessmentView, GetAssessmentQuery } from '../get-assessment/get-assessment.query';

export class PreviewCrosswalkQuery {
  constructor(
    readonly tenantId: string,
    readonly assessmentId: string,
    readonly target: { frameworkId: string; version: string },
    /** An assessment of the target framework whose answers a person entered: kept, never overwritten. */
    readonly enteredIn?: string,
  ) {}
}

export type CrosswalkPreview = InferenceResult & { target: { frameworkId: string; version: string } };

/**
 * What the assessment's answers imply in another framework, along the shipped crosswalks, with
 * provenance per derived value. Every node the assessment scored carries its attainment (score on
 * its own scale, as 0–1), whatever the framework; nodes nobody answered carry nothing. A preview:
 * nothing is stored.
 */
@QueryHandler(PreviewCrosswalkQuery)
export class PreviewCrosswalkHandler implements IQueryHandler<PreviewCrosswalkQuery, CrosswalkPreview> {
  constructor(private readonly queryBus: QueryBus) {}

  async execute({ tenantId, assessmentId, target, enteredIn }: PreviewCrosswalkQuery): Promise<CrosswalkPreview> {
    const view = await this.read(tenantId, assessmentId);
    const definition = assessmentFrameworks.lookupFor(tenantId)(view.frameworkId, view.frameworkVersion);
    if (!definition) throw new NotFoundProblem(`framework ${view.frameworkId} ${view.frameworkVersion}`);
    const scores = scoreFramework(definition, Object.fromEntries(view.answers.map((a) => [a.questionId, a.value])));
    const values = knownValuesOf(scores);
    const entered = enteredIn ? await this.enteredAnswers(tenantId, enteredIn, target) : undefined;
    return { target, ...inferAcrossCrosswalks([{ frameworkId: view.frameworkId, version: view.frameworkVersion, values }], SHIPPED_CROSSWALKS, { ...target, entered }) };
  }

  private read(tenantId: string, assessmentId: string): Promise<AssessmentView> {
    return this.queryBus.execute<GetAssessmentQuery, AssessmentView>(new GetAssessmentQuery(tenantId, assessmentId));
  }

  private async enteredAnswers(tenantId: string, assessmentId: string, target: { frameworkId: string; version: string }): Promise<Record<string, unknown>> {
    const other = await this.read(tenantId, assessmentId);
    if (other.frameworkId !== target.frameworkId || other.frameworkVersion !== target.version) {
      throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Entered answers from another framework', `assessment ${assessmentId} pins ${other.frameworkId} ${other.frameworkVersion}, not the target ${target.frameworkId} ${target.version}`);
    }
    return Object.fromEntries(other.answers.filter((a) => a.value !== null).map((a) => [a.questionId, a.value]));
  }
}
