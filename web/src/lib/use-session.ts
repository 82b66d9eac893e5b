import type { MyProfile } from '@carebridge/contracts';
import { useSyncExternalStore } from 'react';
import { session } from './session';

export function useUser(): MyProfile | null {
  return useSyncExternalStore(session.subscribe, session.getUser, session.getUser);
}
