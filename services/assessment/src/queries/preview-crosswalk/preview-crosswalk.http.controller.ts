import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AIMA_PRACTICES, InferenceResult, SHIPPED_CROSSWALKS, inferAcrossCrosswalks, shippedFramework } from '@assay/frameworks';
import { aimaPracticeMaturity } from '@assay/scoring-models';
import { CurrentPrincipal, ProblemError } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { AssessmentView, GetAssessmentQuery } from '../get-assessment/get-assessment.query';

/**
 * What the assessment's answers imply in another framework, along the shipped crosswalks, with
 * provenance per derived value. A preview: nothing is stored.
 */
@Controller('v1/assessments/:assessmentId/crosswalk-preview')
export class PreviewCrosswalkHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  async preview(
    @CurrentPrincipal() principal: Principal,
    @Param('assessmentId', new ParseUUIDPipe()) assessmentId: string,
    @Query('targetFramework') targetFramework: string | undefined,
    @Query('targetVersion') targetVersion: string | undefined,
  ): Promise<InferenceResult & { target: { frameworkId: string; version: string } }> {
    if (!targetFramework || !targetVersion || !shippedFramework(targetFramework, targetVersion)) {
      throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Unknown target framework', 'targetFramework and targetVersion must name a published framework version (GET /v1/frameworks).');
    }
    const view = await this.queryBus.execute<GetAssessmentQuery, AssessmentView>(new GetAssessmentQuery(principal.tenantId, assessmentId));
    const answers = Object.fromEntries(view.answers.map((a) => [a.questionId, a.value]));
    // Practice maturity (0–3) on the common 0–1 attainment scale; practices nobody answered carry nothing.
    const values = Object.fromEntries(
      AIMA_PRACTICES.filter((p) => view.answers.some((a) => a.questionId.startsWith(`${p.id}-`) && a.value !== null)).map((p) => [
        p.id,
        { attainment: aimaPracticeMaturity(['A1', 'B1', 'A2', 'B2', 'A3', 'B3'].map((q) => answers[`${p.id}-${q}`] ?? null), p.id) / 3 },
      ]),
    );
    const target = { frameworkId: targetFramework, version: targetVersion };
    return { target, ...inferAcrossCrosswalks([{ frameworkId: view.frameworkId, version: view.frameworkVersion, values }], SHIPPED_CROSSWALKS, target) };
  }
}
