import 'reflect-metadata';
import { runService } from '@assay/service-kit';
import { reportingConfig } from './reporting.config';
import { ReportingModule } from './reporting.module';

void runService(ReportingModule, reportingConfig.port);
