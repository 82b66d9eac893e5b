import { type AuthorView, WITHDRAWN_AUTHOR_NICKNAME } from '@carebridge/contracts';
import type { Caller } from '@carebridge/platform';

interface Authored {
  authorSub: string | null;
  authorNickname: string | null;
}

/** The only way an author leaves this service: a nickname, and whether it is the caller. */
export function authorOf(item: Authored): AuthorView {
  return { nickname: item.authorNickname ?? WITHDRAWN_AUTHOR_NICKNAME };
}

export function isMine(item: Authored, caller: Caller | undefined): boolean {
  return caller !== undefined && item.authorSub !== null && item.authorSub === caller.sub;
}
