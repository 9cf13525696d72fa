import type { Row } from './rows.ts';
import { checkHash, checkText } from './validate.ts';

/**
 * Where a seat of a live match asked to be told (docs/server.md,
 * "Notifications"): one browser's push subscription or one e-mail address.
 * It holds the hash of the pass that registered it (so that pass alone may
 * remove it), never the pass.
 */
export interface NoticeTarget {
  seat: string;
  passHash: string;
  channel: 'push' | 'email';
  /** The push endpoint, or the e-mail address: one target per match and address. */
  address: string;
  /** The browser's P-256 public key and auth secret (base64url); null for e-mail. */
  p256dh: string | null;
  auth: string | null;
  language: string;
  timeZone: string;
}

/** Which of a match's targets to remove: those a pass registered, one address, or both. */
export interface NoticeTargetFilter {
  passHash?: string;
  address?: string;
}

/** What the store keeps of notice targets; they go with their match (deleted with it). */
export interface NoticeTargetStore {
  /**
   * Registers `target` for the live match (or renews the one at its address),
   * unless its seat already has `maxPerSeat` others: then 'full'. Answers how
   * many targets the seat has now. 'unknownMatch', 'finished', 'invalid'.
   */
  addNoticeTarget(
    matchId: string,
    target: NoticeTarget,
    maxPerSeat: number,
  ): Promise<number | 'full'>;
  /** The match's targets, in the order registered. */
  listNoticeTargets(matchId: string): Promise<NoticeTarget[]>;
  /** Removes the match's targets the filter keeps (an empty filter: all); answers how many. */
  removeNoticeTargets(matchId: string, filter: NoticeTargetFilter): Promise<number>;
}

export function checkNoticeTarget(t: NoticeTarget): void {
  checkText(t.seat, 'seat');
  checkHash(t.passHash, 'passHash');
  checkText(t.address, 'address');
  checkText(t.language, 'language');
  checkText(t.timeZone, 'timeZone');
  if (t.channel !== 'push' && t.channel !== 'email') checkText('', 'channel');
}

export function noticeTargetRow(matchId: string, t: NoticeTarget, maxPerSeat: number, at: number) {
  return {
    id: matchId,
    seat: t.seat,
    pass: t.passHash,
    channel: t.channel,
    address: t.address,
    p256dh: t.p256dh,
    auth: t.auth,
    language: t.language,
    zone: t.timeZone,
    at,
    max: maxPerSeat,
  };
}

export function noticeFilterRow(matchId: string, filter: NoticeTargetFilter) {
  return { id: matchId, pass: filter.passHash ?? null, address: filter.address ?? null };
}

export const NOTICE_TARGET_COLUMNS =
  'seat, pass_hash, channel, address, p256dh, auth, language, time_zone';

export function toNoticeTarget(r: Row): NoticeTarget {
  return {
    seat: String(r.seat),
    passHash: String(r.pass_hash),
    channel: r.channel === 'email' ? 'email' : 'push',
    address: String(r.address),
    p256dh: r.p256dh === null ? null : String(r.p256dh),
    auth: r.auth === null ? null : String(r.auth),
    language: String(r.language),
    timeZone: String(r.time_zone),
  };
}
