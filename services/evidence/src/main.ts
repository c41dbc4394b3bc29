import 'reflect-metadata';
import { runService } from '@assay/service-kit';
import { evidenceConfig } from './evidence.config';
import { EvidenceModule } from './evidence.module';

void runService(EvidenceModule, evidenceConfig.port);
