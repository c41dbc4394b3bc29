// Schema, roles, migrations and topics of the reporting service (deploy/infra-up.sh runs it).
import { runProvisioning } from '@assay/service-kit';
import { reportingConfig } from './reporting.config';

runProvisioning(reportingConfig);
