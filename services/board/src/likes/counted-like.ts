import { isUniqueViolation, retryingTransaction } from '@carebridge/platform';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** What carries a `likeCount`: a post or a comment. */
export interface LikedItem {
  entity: EntityTarget<ObjectLiteral>;
  id: string;
}

/**
 * Puts one member's like row on an item or takes it back, moving the item's `likeCount` in the
 * same transaction (retried whole after a deadlock): the row's primary key refuses a second like,
 * so repeating either is a no-op and the count stays exact. Returns the count after the change.
 */
export async function setCountedLike(
  dataSource: DataSource,
  like: { entity: EntityTarget<ObjectLiteral>; key: ObjectLiteral },
  item: LikedItem,
  on: boolean,
): Promise<number> {
  if (on) {
    try {
      // The item's row is locked first: inserting the like first takes a shared lock on it (the
      // foreign key), and two likers upgrading theirs at once deadlock.
      await retryingTransaction(dataSource, async (manager) => {
        await manager.increment(item.entity, { id: item.id }, 'likeCount', 1);
        await manager.insert(like.entity, { ...like.key, createdAt: new Date() });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  } else {
    await retryingTransaction(dataSource, async (manager) => {
      const removed = await manager.delete(like.entity, like.key);
      if (removed.affected) await manager.decrement(item.entity, { id: item.id }, 'likeCount', 1);
    });
  }
  const row = await dataSource
    .getRepository(item.entity)
    .findOneOrFail({ where: { id: item.id }, select: { id: true, likeCount: true } });
  return row.likeCount as number;
}
