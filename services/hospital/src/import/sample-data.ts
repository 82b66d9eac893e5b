import { fileURLToPath } from 'node:url';
import { JsonLogger } from '@carebridge/platform';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { HospitalConfig } from '../config.js';
import { Hospital } from '../hospitals/hospital.entity.js';
import { HospitalImporter } from './hospital-importer.js';

/** The bundled sample list (composed for development and demos; not the agency's data). */
export const SAMPLE_FILE = fileURLToPath(new URL('../../../data/sample-hospitals.csv', import.meta.url));

/**
 * On the embedded store, a first start finds no hospitals: load the sample so that a new user sees
 * hospitals at once. A real database is filled by the importer, never by this.
 */
@Injectable()
export class SampleDataLoader implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(Hospital) private readonly hospitals: Repository<Hospital>,
    private readonly dataSource: DataSource,
    private readonly config: HospitalConfig,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.loadsSampleData) return;
    const count = await this.hospitals.count();
    if (count > 0) return;
    const summary = await new HospitalImporter(this.dataSource, {
      batchSize: this.config.IMPORT_BATCH_SIZE,
    }).importFile(SAMPLE_FILE);
    this.logger.emit('info', 'sample hospitals loaded', {
      context: 'SampleData',
      file: SAMPLE_FILE,
      inserted: summary.inserted,
      rejected: summary.rejected,
    });
  }
}
