// Operator command: rebuild reporting's read models from its log, in this process, with progress.
//   npm run -s rebuild:reporting
import { serviceRoles } from '@assay/postgres';
import { adminDatabaseUrl } from '@assay/service-kit';
import { REPORTING_SCHEMA } from '../infrastructure/reporting-schema';
import { rebuildReadModels } from './read-model-rebuild';

rebuildReadModels({
  adminUrl: adminDatabaseUrl(),
  roles: serviceRoles(REPORTING_SCHEMA),
  onProgress: (p) => {
    const left = p.secondsLeft === null ? '' : `, about ${p.secondsLeft} s left`;
    console.error(`[rebuild] ${p.phase}: ${p.eventsDone}/${p.eventsTotal} events, ${p.eventsPerSecond}/s${left}`);
  },
})
  .then((r) => console.error(`[rebuild] swapped in: ${r.eventsApplied} events in ${r.seconds.toFixed(1)} s, up to log position ${r.checkpoint.globalPosition}`))
  .catch((error: Error) => {
    console.error(`[rebuild] failed, the live read models are unchanged: ${error.message}`);
    process.exit(1);
  });
