import { describe, expect, it } from 'vitest';
import { member, signInAs } from '../testing/render';
import { session } from './session';

describe('session', () => {
  it('keeps the token in memory and only a flag (no secret) in storage', () => {
    signInAs(member());
    expect(session.accessToken).toBe('token');
    expect(session.hinted).toBe(true);
    expect(JSON.stringify({ ...localStorage })).not.toContain('token');
    session.clear();
    expect(session.accessToken).toBeNull();
    expect(session.hinted).toBe(false);
  });

  it('a log-out in another tab ends the session here', async () => {
    session.connect();
    signInAs(member());
    const otherTab = new BroadcastChannel('carebridge-session');
    const cleared = new Promise<void>((resolve) => {
      const unsubscribe = session.subscribe(() => {
        if (!session.user) {
          unsubscribe();
          resolve();
        }
      });
    });
    otherTab.postMessage('logout');
    await cleared;
    expect(session.accessToken).toBeNull();
    otherTab.close();
  });
});
