import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { waitFor } from '../wait.js';

/** auth's embedded store in a lab's data folder. */
export const authStore = (dataDir: string) => join(dataDir, 'auth', 'auth.sqlite');

/** The mail auth sent last to `email` (its mail outbox, in the embedded store at `authDb`). */
export function latestMail(authDb: string, email: string): { subject: string; body: string } | undefined {
  let db: Sqlite.Database | undefined;
  try {
    db = new Sqlite(authDb, { readonly: true, fileMustExist: true });
    return db
      .prepare('SELECT subject, body FROM mail_outbox WHERE recipient = ? ORDER BY created_at DESC')
      .get(email.toLowerCase()) as { subject: string; body: string } | undefined;
  } finally {
    db?.close();
  }
}

/** The 6-digit code in a mail. */
export const codeIn = (mail: { body: string } | undefined) => (mail ? /(\d{6})/.exec(mail.body)?.[1] : undefined);

/** The 6-digit code auth mailed last to `email`. */
export const mailedCode = (authDb: string, email: string) => codeIn(latestMail(authDb, email));

/**
 * What a load mix uses to confirm its members' email in a lab: the code auth mailed, read from the embedded
 * store of the lab's data folder once it is there (auth writes its outbox in the sign-up's transaction).
 */
export const outboxCodes =
  (dataDir: string) =>
  async (email: string): Promise<string | undefined> => {
    const store = authStore(dataDir);
    // No store yet (auth still starting) or not embedded at all: no code, and the mix says why it cannot write.
    const read = () => {
      try {
        return mailedCode(store, email);
      } catch {
        return undefined;
      }
    };
    await waitFor(() => read() !== undefined, 15_000, 100);
    return read();
  };
