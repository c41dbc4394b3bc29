import 'reflect-metadata';
import { runService } from '@assay/service-kit';
import { assessmentConfig } from './assessment.config';
import { AssessmentModule } from './assessment.module';

void runService(AssessmentModule, assessmentConfig.port);
