import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { AuthHarness, codeFrom } from './auth-harness.js';

/** A real SMTP server on loopback receives what the outbox dispatcher sends. */
describe('auth: email codes delivered over SMTP', () => {
  const received: { to: string[]; raw: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  let auth: AuthHarness;

  before(async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    auth = new AuthHarness('sqlite', {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Carebridge <no-reply@test.local>',
    });
    await auth.start();
  });
  after(async () => {
    await auth.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends the code to the member at sign-up, and the code verifies the address', async () => {
    const a = await auth.signupAndLogin();
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(received.length, 1);
    const [mail] = received;
    assert.deepEqual(mail?.to, [a.member.email.toLowerCase()]);
    assert.match(mail?.raw ?? '', /From: Carebridge <no-reply@test\.local>/);
    const stored = await auth.latestMailTo(a.member.email);
    assert.ok(stored.sent_at);
    const verified = await auth.api.post('/api/auth/email/verify', { code: codeFrom(stored.body) }, { token: a.token });
    assert.equal(verified.body.emailVerified, true);
  });
});
