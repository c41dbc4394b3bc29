// Schema, roles, migrations and topics of the scoring service (deploy/infra-up.sh runs it).
import { runProvisioning } from '@assay/service-kit';
import { scoringConfig } from './scoring.config';

runProvisioning(scoringConfig);
