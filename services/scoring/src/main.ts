import 'reflect-metadata';
import { runService } from '@assay/service-kit';
import { scoringConfig } from './scoring.config';
import { ScoringModule } from './scoring.module';

void runService(ScoringModule, scoringConfig.port);
