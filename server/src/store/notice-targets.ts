import type { Row } from './rows.ts';
import type { NoticeTarget, NoticeTargetFilter } from './types.ts';
import { checkHash, checkText } from './validate.ts';

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
