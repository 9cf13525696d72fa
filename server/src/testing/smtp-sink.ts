import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** An e-mail as the local SMTP server received it. */
export interface ReceivedMail {
  to: string[];
  /** The whole message as sent (headers and body). */
  raw: string;
}

/** An SMTP server on 127.0.0.1 for tests (never the internet) that keeps every message it is sent. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private readonly waiters: {
    test: (m: ReceivedMail) => boolean;
    resolve: (m: ReceivedMail) => void;
  }[] = [];
  url = '';

  /** Listens on 127.0.0.1 at `port` (0: any free one). */
  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const mail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          };
          this.received.push(mail);
          for (const w of [...this.waiters]) {
            if (!w.test(mail)) continue;
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(mail);
          }
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    const bound = (this.server.server.address() as AddressInfo).port;
    this.url = `smtp://127.0.0.1:${bound}`;
    return this;
  }

  /** The first message (already received or still to come) that `test` accepts. */
  waitFor(test: (m: ReceivedMail) => boolean, timeoutMs = 20_000): Promise<ReceivedMail> {
    const had = this.received.find(test);
    if (had) return Promise.resolve(had);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('No such e-mail arrived.')), timeoutMs);
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
