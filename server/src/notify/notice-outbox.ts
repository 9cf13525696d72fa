import { createTransport, type Transporter } from 'nodemailer';
import webpush from 'web-push';
import { reasonOf, roomLog } from '../log.ts';
import type { NoticeTarget, NoticeTargetStore } from '../store/types.ts';
import { type Notice, type NoticeFacts, type NoticeKind, writeNotice } from './texts.ts';
import type { VapidKeys } from './vapid.ts';

/** How this server notifies (its configuration: docs/deploy.md, "Notifications"). */
export interface NotifyOptions {
  /** Web Push's keys; null: no Web Push. */
  vapid: VapidKeys | null;
  /** SMTP_URL: e-mail goes out through this server; null: no e-mail. */
  smtpUrl: string | null;
  /** MAIL_FROM: the sender of the e-mails. */
  mailFrom: string;
  /** SITE_URL: where people open the game (https://…), for the e-mails' links; null: no link. */
  siteUrl: string | null;
  /**
   * PUSH_SERVICES: the origins (https://host[:port]) a browser's push endpoint
   * may be at. The server posts to whatever endpoint a subscription names, so
   * only these are taken: never an address inside the server's network.
   */
  pushServices: readonly string[];
}

/** The push services of Chrome, Firefox, Edge and Safari (endpoints at a subdomain count). */
export const DEFAULT_PUSH_SERVICES: readonly string[] = [
  'https://fcm.googleapis.com',
  'https://updates.push.services.mozilla.com',
  'https://push.services.mozilla.com',
  'https://notify.windows.com',
  'https://web.push.apple.com',
];

/** Jobs waiting past this are dropped (and logged): a stuck push service cannot grow memory. */
const MAX_WAITING = 1000;
/** Sends in flight at once, across every match. */
const CONCURRENCY = 8;
/** A push service or mail server that has not answered in this long has failed this send. */
const SEND_TIMEOUT_MS = 10_000;
/** A push waits at its service at most until its phase ends (a minute at least, a day at most). */
const MIN_TTL_S = 60;
const MAX_TTL_S = 86_400;

interface Job {
  kind: NoticeKind;
  facts: NoticeFacts;
  /** Send to targets of these seats only; null: every seat's. */
  seats: ReadonlySet<string> | null;
  /** Whether a target's pass still holds its seat (a pass revoked since is told nothing). */
  stillHolds: (target: NoticeTarget) => boolean;
}

/**
 * The notifications of every match on this process, sent off the match's
 * path: a room only queues a job (`send`) and goes on; jobs run one after
 * another, each reading its match's targets from the store and sending to
 * them a few at a time, each push or e-mail failing alone (logged, never
 * thrown). A push service answering 404 or 410 has dropped the subscription:
 * it is removed. Once the match's end is sent, all its targets are removed.
 */
export class NoticeOutbox {
  private readonly waiting: Job[] = [];
  private running: Promise<void> | null = null;
  private readonly mailer: Transporter | null;
  private readonly store: NoticeTargetStore;
  private readonly options: NotifyOptions;

  constructor(store: NoticeTargetStore, options: NotifyOptions) {
    this.store = store;
    this.options = options;
    this.mailer = options.smtpUrl
      ? createTransport({
          url: options.smtpUrl,
          connectionTimeout: SEND_TIMEOUT_MS,
          greetingTimeout: SEND_TIMEOUT_MS,
          socketTimeout: SEND_TIMEOUT_MS,
        })
      : null;
  }

  /** What a browser is told it can opt in to (GET /api/notifications). */
  get info(): { publicKey: string | null; email: boolean } {
    return { publicKey: this.options.vapid?.publicKey ?? null, email: this.mailer !== null };
  }

  /** Whether a push endpoint is at one of the push services this server posts to. */
  allowsEndpoint(endpoint: string): boolean {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    return this.options.pushServices.some((service) => {
      const allowed = new URL(service);
      if (url.protocol !== allowed.protocol || url.port !== allowed.port) return false;
      return url.hostname === allowed.hostname || url.hostname.endsWith(`.${allowed.hostname}`);
    });
  }

  /** Queues notice `kind` about `facts` for the match's targets (at `seats`, or all); never waits. */
  send(job: Job): void {
    if (this.waiting.length >= MAX_WAITING) {
      roomLog(job.facts.matchId).warn(`notification dropped: ${MAX_WAITING} are waiting already`);
      return;
    }
    this.waiting.push(job);
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Resolves once every queued notification has been sent or has failed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    await this.idle();
    this.mailer?.close();
  }

  private async drain(): Promise<void> {
    // Off the path of whatever queued the first job.
    await new Promise((resolve) => setImmediate(resolve));
    for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
      try {
        await this.run(job);
      } catch (error) {
        roomLog(job.facts.matchId).error(`notifications not sent: ${reasonOf(error)}`);
      }
    }
  }

  private async run(job: Job): Promise<void> {
    const { matchId } = job.facts;
    const targets = (await this.store.listNoticeTargets(matchId)).filter(
      (t) => (job.seats === null || job.seats.has(t.seat)) && job.stillHolds(t),
    );
    for (let i = 0; i < targets.length; i += CONCURRENCY) {
      await Promise.all(targets.slice(i, i + CONCURRENCY).map((t) => this.deliver(job, t)));
    }
    // The match is over: nobody is told anything more of it.
    if (job.kind === 'matchEnded') await this.store.removeNoticeTargets(matchId, {});
  }

  private async deliver(job: Job, target: NoticeTarget): Promise<void> {
    const log = roomLog(job.facts.matchId);
    try {
      const notice = writeNotice(job.kind, job.facts, target.language, target.timeZone);
      if (target.channel === 'email') await this.mail(target.address, notice);
      else await this.push(job.facts.matchId, target, notice);
    } catch (error) {
      const where = target.channel === 'email' ? 'an e-mail' : `a push to ${originOf(target)}`;
      log.warn(`${job.kind} notification: ${where} failed: ${reasonOf(error)}`);
    }
  }

  private async push(matchId: string, target: NoticeTarget, notice: Notice): Promise<void> {
    const { vapid } = this.options;
    if (!vapid || !target.p256dh || !target.auth) return;
    const ttl = notice.endsAt === null ? MAX_TTL_S : (notice.endsAt - Date.now()) / 1000;
    const request = webpush.generateRequestDetails(
      { endpoint: target.address, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(notice),
      {
        vapidDetails: vapid,
        TTL: Math.round(Math.min(MAX_TTL_S, Math.max(MIN_TTL_S, ttl))),
        contentEncoding: 'aes128gcm',
        urgency: notice.kind === 'deadlineNear' ? 'high' : 'normal',
      },
    );
    const answer = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers,
      body: new Uint8Array(request.body),
      // A push service answers; it does not send the server elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await answer.body?.cancel();
    if (answer.status === 404 || answer.status === 410) {
      await this.store.removeNoticeTargets(matchId, { address: target.address });
      roomLog(matchId).info(`push subscription at ${originOf(target)} expired: removed`);
      return;
    }
    if (answer.status < 200 || answer.status > 299)
      throw new Error(`the push service answered ${answer.status}`);
  }

  private async mail(to: string, notice: Notice): Promise<void> {
    if (!this.mailer) return;
    const link = this.options.siteUrl ? `\n\n${new URL(notice.url, this.options.siteUrl)}` : '';
    await this.mailer.sendMail({
      from: this.options.mailFrom,
      to,
      subject: notice.title,
      text: `${notice.body}${link}\n`,
    });
  }
}

/** Where a push went, for the log: a subscription's endpoint is a secret capability, its origin is not. */
function originOf(target: NoticeTarget): string {
  try {
    return new URL(target.address).origin;
  } catch {
    return 'an unreadable endpoint';
  }
}
