import { type Caller, ProblemException } from '@carebridge/platform';
import type { Repository } from 'typeorm';
import type { User } from './user.entity.js';

/** The caller's own account, or 401 when it no longer exists. */
export async function callerAccount(users: Repository<User>, caller: Caller): Promise<User> {
  const user = await users.findOneBy({ id: caller.sub });
  if (!user) throw ProblemException.unauthorized('AUTH.ACCOUNT_GONE', 'This account no longer exists.');
  return user;
}
