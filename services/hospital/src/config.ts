import { TokenConsumerConfig, toBoolean } from '@carebridge/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

export class HospitalConfig extends TokenConsumerConfig {
  override PORT: number = 3003;

  /**
   * On the embedded store (no DATABASE_URL), load the bundled sample hospitals on a start that finds
   * the hospitals table empty, so a new user sees hospitals at once. Never applies to a real database.
   */
  @Transform(toBoolean)
  @IsBoolean()
  LOAD_SAMPLE_DATA: boolean = true;

  /** Rows per transaction of the hospital-list importer (≤ 2000 keeps a batch within SQLite's parameter limit). */
  @IsInt()
  @Min(1)
  @Max(2000)
  IMPORT_BATCH_SIZE: number = 1000;

  /** How long the region and type lists (with counts) are reused; 0 recounts on every request. */
  @IsInt()
  @Min(0)
  @Max(3600)
  FACET_CACHE_SECONDS: number = 60;

  get loadsSampleData(): boolean {
    return this.LOAD_SAMPLE_DATA && !this.DATABASE_URL;
  }
}
