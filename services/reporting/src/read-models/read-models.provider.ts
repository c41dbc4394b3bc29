import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_POOL, SERVICE_CONFIG, ServiceConfig, adminDatabaseUrl } from '@assay/service-kit';
import { serviceRoles } from '@assay/postgres';
import { HistoryEntities, historyEntities } from './history-entities';
import { readModelDataSource } from './read-model-data-source';
import { ReportEntities, reportEntities } from './report-entities';

export const READ_MODELS = Symbol('READ_MODELS');

/** The live read models: the data source of the application role and the entities of the live schema. */
export interface ReadModels {
  dataSource: DataSource;
  entities: HistoryEntities;
  reports: ReportEntities;
  schema: string;
}

export const readModelsProvider: Provider = {
  provide: READ_MODELS,
  // After the application pool: provisioning (TypeORM migrations included) has run by then.
  inject: [SERVICE_CONFIG, APP_POOL],
  useFactory: async (config: ServiceConfig): Promise<ReadModels> => {
    const dataSource = await readModelDataSource(adminDatabaseUrl(), serviceRoles(config.schema)).initialize();
    return { dataSource, entities: historyEntities(config.schema), reports: reportEntities(config.schema), schema: config.schema };
  },
};

/** Closes the data source's pool after the consumers stopped (shutdown hooks run after beforeApplicationShutdown). */
@Injectable()
export class ReadModelsLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async onApplicationShutdown(): Promise<void> {
    await this.readModels.dataSource.destroy();
  }
}
