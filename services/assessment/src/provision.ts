// Schema, roles, migrations and topics of the assessment service (deploy/infra-up.sh runs it).
import { runProvisioning } from '@assay/service-kit';
import { assessmentConfig } from './assessment.config';

runProvisioning(assessmentConfig);
