// Schema, roles, migrations and topics of the evidence service (deploy/infra-up.sh runs it).
import { runProvisioning } from '@assay/service-kit';
import { evidenceConfig } from './evidence.config';

runProvisioning(evidenceConfig);
