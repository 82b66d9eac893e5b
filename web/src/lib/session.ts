import type { MyProfile, SessionResponse } from '@carebridge/contracts';

/**
 * Who is signed in. The access token lives only in this module's memory; the refresh cookie
 * (httpOnly) renews it. A flag in localStorage only remembers that a refresh is worth trying, so
 * visitors never pay for one; it holds no secret.
 */
const HINT_KEY = 'cb_signed_in';
const CHANNEL = 'carebridge-session';

type Listener = () => void;

class Session {
  accessToken: string | null = null;
  user: MyProfile | null = null;
  /** Resolves once the first silent refresh is done: requests wait for it, so they carry the token. */
  ready: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<Listener>();
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private channel: BroadcastChannel | null = null;
  renew: () => Promise<boolean> = async () => false;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getUser = (): MyProfile | null => this.user;

  get hinted(): boolean {
    try {
      return localStorage.getItem(HINT_KEY) === '1';
    } catch {
      return false;
    }
  }

  /** Starts listening to other tabs: a log-out in one ends the session in all. */
  connect(): void {
    if (typeof BroadcastChannel === 'undefined' || this.channel) return;
    this.channel = new BroadcastChannel(CHANNEL);
    this.channel.onmessage = (event: MessageEvent<string>) => {
      if (event.data === 'logout') this.clear(false);
      if (event.data === 'login' && !this.user) void this.renew();
    };
  }

  signIn(response: SessionResponse): void {
    const wasSignedIn = this.user !== null;
    this.accessToken = response.accessToken;
    this.user = response.user;
    try {
      localStorage.setItem(HINT_KEY, '1');
    } catch {
      // Private mode: the session still works in this tab.
    }
    clearTimeout(this.renewTimer);
    // Renew a minute before expiry so requests rarely meet a 401.
    const delay = Math.max(10, response.expiresIn - 60) * 1000;
    this.renewTimer = setTimeout(() => void this.renew(), delay);
    if (!wasSignedIn) this.channel?.postMessage('login');
    this.emit();
  }

  updateUser(user: MyProfile): void {
    this.user = user;
    this.emit();
  }

  /** Forgets the session in this tab, and (by default) tells the other tabs to do the same. */
  clear(broadcast = true): void {
    const had = this.user !== null || this.accessToken !== null;
    this.accessToken = null;
    this.user = null;
    clearTimeout(this.renewTimer);
    try {
      localStorage.removeItem(HINT_KEY);
    } catch {
      // Nothing stored.
    }
    if (broadcast && had) this.channel?.postMessage('logout');
    if (had) this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const session = new Session();
