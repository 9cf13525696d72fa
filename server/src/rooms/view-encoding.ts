import { createHash } from 'node:crypto';
import { getMessageBytes, Protocol } from '@colyseus/core';
import { Packr } from 'msgpackr';

/** Encoded as Colyseus encodes a message (plain MessagePack, no records), so the SDK decodes it alike. */
const packr = new Packr({ useRecords: false });

/** MessagePack of one value, copied: msgpackr reuses its buffer on the next call. */
function pack(value: unknown): Buffer {
  return Buffer.from(packr.pack(value));
}

const keyBytes = new Map<string, Buffer>();

/** A map key, encoded once per process (members and ids are a small vocabulary). */
function key(name: string): Buffer {
  let bytes = keyBytes.get(name);
  if (bytes === undefined) {
    bytes = pack(name);
    if (keyBytes.size < 10_000) keyBytes.set(name, bytes);
  }
  return bytes;
}

function header(size: number, fix: number, sixteen: number, thirtyTwo: number): Buffer {
  if (size < 16) return Buffer.of(fix | size);
  if (size < 0x10000) return Buffer.of(sixteen, size >> 8, size & 0xff);
  const bytes = Buffer.alloc(5);
  bytes[0] = thirtyTwo;
  bytes.writeUInt32BE(size, 1);
  return bytes;
}

const mapHeader = (size: number) => header(size, 0x80, 0xde, 0xdf);
const arrayHeader = (size: number) => header(size, 0x90, 0xdc, 0xdd);

/** A member of a view, encoded, with a digest of its encoding. */
export interface EncodedMember {
  readonly bytes: Buffer;
  readonly digest: string;
}

/**
 * A member made of encoded parts: digested part by part, joined into one
 * buffer only if some client is sent it (most members of most updates are
 * not: they did not change).
 */
class PartsMember implements EncodedMember {
  readonly digest: string;
  private readonly parts: Buffer[];
  private joined: Buffer | null = null;

  constructor(parts: Buffer[]) {
    this.parts = parts;
    const hash = createHash('sha1');
    for (const part of parts) hash.update(part);
    this.digest = hash.digest('base64');
  }

  get bytes(): Buffer {
    this.joined ??= Buffer.concat(this.parts);
    return this.joined;
  }
}

/**
 * The MessagePack of the views of one update, built from pieces encoded
 * once: a member shared by several views (the ties) is encoded once, and a
 * member built per view (the actors, the account) is assembled from its
 * entries, each encoded once by object identity (another seat's redacted
 * actor, an event). The same bytes give the digests that tell what changed.
 * Valid for one state only: the engine changes objects in place.
 */
export class UpdateEncoding {
  private readonly entries = new Map<object, Buffer>();
  private readonly members = new Map<object, EncodedMember>();

  member(value: unknown): EncodedMember {
    if (value === null || typeof value !== 'object') {
      const bytes = pack(value);
      return { bytes, digest: bytes.toString('base64') };
    }
    let member = this.members.get(value);
    if (member === undefined) {
      member = new PartsMember(
        Array.isArray(value)
          ? [arrayHeader(value.length), ...value.map((entry) => this.entry(entry))]
          : this.recordParts(value as Record<string, unknown>),
      );
      this.members.set(value, member);
    }
    return member;
  }

  private recordParts(record: Record<string, unknown>): Buffer[] {
    const names = Object.keys(record);
    const parts = [mapHeader(names.length)];
    for (const name of names) parts.push(key(name), this.entry(record[name]));
    return parts;
  }

  private entry(value: unknown): Buffer {
    if (value === null || typeof value !== 'object') return pack(value);
    let bytes = this.entries.get(value);
    if (bytes === undefined) {
      bytes = pack(value);
      this.entries.set(value, bytes);
    }
    return bytes;
  }
}

/** A record of already encoded members, as MessagePack. */
export function encodeRecord(members: [string, Buffer][]): Buffer {
  const parts = [mapHeader(members.length)];
  for (const [name, bytes] of members) parts.push(key(name), bytes);
  return Buffer.concat(parts);
}

/** MessagePack of a value, for the small parts around encoded members. */
export function encodeValue(value: unknown): Buffer {
  return pack(value);
}

/** The frame of a room message whose payload is already MessagePack: what `client.send` would build. */
export function messageFrame(type: string, payload: Buffer): Buffer {
  return getMessageBytes.raw(Protocol.ROOM_DATA, type, undefined, payload);
}
