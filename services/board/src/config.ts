import { TokenConsumerConfig } from '@carebridge/platform';
import { IsInt, Min } from 'class-validator';

export class BoardConfig extends TokenConsumerConfig {
  override PORT: number = 3002;

  /** A viewer's repeated reads of a post count once within this window. */
  @IsInt()
  @Min(0)
  VIEW_DEDUP_SECONDS: number = 3600;

  /**
   * Newest posts a search looks through itself before asking the full-text index: a word in 5 %
   * of posts is found there in one step, which the index would answer slower.
   */
  @IsInt()
  @Min(0)
  SEARCH_SCAN_WINDOW: number = 500;

  /**
   * Index matches a search sorted by likes ranks by itself. A word found more often than this is
   * common enough that walking the posts by likes meets its matches at once.
   */
  @IsInt()
  @Min(0)
  SEARCH_RANK_CANDIDATES: number = 2000;
}
