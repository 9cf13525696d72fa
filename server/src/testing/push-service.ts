import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A push as the local push service received it, decrypted with the subscription's keys. */
export interface ReceivedPush {
  /** The subscription's id (the endpoint's last path segment). */
  id: string;
  headers: Record<string, string | string[] | undefined>;
  /** The decrypted payload, parsed as JSON. */
  payload: Record<string, unknown>;
  /** The decrypted payload as text (to check what it does not hold). */
  text: string;
}

/** A browser's push subscription made by a test, and the private half that decrypts what it is sent. */
export interface TestSubscription {
  id: string;
  json: { endpoint: string; keys: { p256dh: string; auth: string } };
  decrypt(body: Buffer): string;
}

/**
 * A push service on 127.0.0.1 for tests (never the internet): it takes the
 * server's POSTs at /push/<id> (answering 201) or /gone/<id> (answering 410,
 * as a service does for a subscription the browser dropped), decrypts each
 * with the subscription the test made (`subscribe`), and keeps them.
 */
export class LocalPushService {
  readonly received: ReceivedPush[] = [];
  private readonly subscriptions = new Map<string, TestSubscription>();
  private readonly waiters: {
    test: (p: ReceivedPush) => boolean;
    resolve: (p: ReceivedPush) => void;
  }[] = [];
  private server: Server | null = null;
  origin = '';

  /** Listens on 127.0.0.1 at `port` (0: any free one). */
  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const [, kind, id = ''] = (req.url ?? '').split('/');
        const sub = this.subscriptions.get(id);
        if (kind === 'gone' || !sub) {
          res.writeHead(410).end();
          return;
        }
        const text = sub.decrypt(Buffer.concat(chunks));
        const push = { id, headers: req.headers, payload: JSON.parse(text), text };
        this.received.push(push);
        res.writeHead(201).end();
        for (const w of [...this.waiters]) {
          if (!w.test(push)) continue;
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(push);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** A new subscription, as PushManager.subscribe makes one: a P-256 key pair and an auth secret. */
  subscribe(id: string, kind: 'push' | 'gone' = 'push'): TestSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    const sub: TestSubscription = {
      id,
      json: {
        endpoint: `${this.origin}/${kind}/${id}`,
        keys: {
          p256dh: ecdh.getPublicKey().toString('base64url'),
          auth: auth.toString('base64url'),
        },
      },
      decrypt: (body) => decryptAes128gcm(body, ecdh, auth),
    };
    this.subscriptions.set(id, sub);
    return sub;
  }

  /** The first push (already received or still to come) that `test` accepts. */
  waitFor(test: (p: ReceivedPush) => boolean, timeoutMs = 20_000): Promise<ReceivedPush> {
    const had = this.received.find(test);
    if (had) return Promise.resolve(had);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('No such push arrived.')), timeoutMs);
      this.waiters.push({
        test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve) ?? resolve(undefined));
  }
}

/**
 * Decrypts a Web Push message (RFC 8291, "aes128gcm" of RFC 8188) with the
 * subscription's private key and auth secret: what a browser does.
 */
function decryptAes128gcm(body: Buffer, ecdh: ReturnType<typeof createECDH>, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const cipherText = body.subarray(21 + idLength);
  const shared = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(cipherText.subarray(cipherText.length - 16));
  const padded = Buffer.concat([
    decipher.update(cipherText.subarray(0, cipherText.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02, then zero padding.
  const end = padded.lastIndexOf(2);
  return padded.subarray(0, end).toString('utf8');
}
