import { CommandBus } from '@nestjs/cqrs';
import { Request, Response } from 'express';
import { RequestContext, etagOf, versionFromIfMatch } from '@assay/service-kit';
import { Principal } from '@assay/tenancy';
import { AssessmentChanged, ChangeAssessmentCommand } from './change-assessment.command';

/** Runs one change with the request's If-Match and answers with the assessment's new ETag. */
export async function executeChange(
  commandBus: CommandBus,
  principal: Principal,
  assessmentId: string,
  build: ChangeAssessmentCommand['build'],
  ifMatch: string | undefined,
  request: Request & { context: RequestContext },
  response: Response,
): Promise<AssessmentChanged> {
  const changed = await commandBus.execute<ChangeAssessmentCommand, AssessmentChanged>(new ChangeAssessmentCommand(principal, assessmentId, build, request.context, versionFromIfMatch(ifMatch)));
  response.setHeader('ETag', etagOf(changed.version));
  return changed;
}
