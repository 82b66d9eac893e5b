import { TokenConsumerConfig } from '@carebridge/platform';
import { IsInt, Min } from 'class-validator';

export class BoardConfig extends TokenConsumerConfig {
  override PORT: number = 3002;

  /** A viewer's repeated reads of a post count once within this window. */
  @IsInt()
  @Min(0)
  VIEW_DEDUP_SECONDS: number = 3600;
}
