import { getMessageBytes, Protocol } from '@colyseus/core';
import { type MatchState, type SeatView, type StateParts, viewsFor } from '@entanglement/shared';
import { Packr } from 'msgpackr';

/** Encoded as Colyseus encodes a message (plain MessagePack, no records), so the SDK decodes it alike. */
const packr = new Packr({ useRecords: false });

/**
 * MessagePack of one value, copied (msgpackr reuses its buffer on the next
 * call) into memory of its own: encodings are kept from update to update,
 * and a small `Buffer.from` copy would be a slice of a shared 8 KiB pool,
 * which it would keep alive.
 */
function pack(value: unknown): Buffer {
  return owned(packr.pack(value));
}

/** A copy in memory of its own (see `pack`). */
function owned(bytes: Uint8Array): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  copy.set(bytes);
  return copy;
}

/** MessagePack of a piece used within one update only: pooled, as Colyseus's own copies are. */
function packPiece(value: unknown): Buffer {
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

const headers = new Map<number, Buffer>();

/** A map's or array's header, kept per size: encodings keep them, and each would pin a pool slice. */
function header(size: number, fix: number, sixteen: number, thirtyTwo: number): Buffer {
  const id = fix * 0x100000 + size;
  let bytes = size < 4096 ? headers.get(id) : undefined;
  if (bytes === undefined) {
    bytes = owned(newHeader(size, fix, sixteen, thirtyTwo));
    if (size < 4096) headers.set(id, bytes);
  }
  return bytes;
}

function newHeader(size: number, fix: number, sixteen: number, thirtyTwo: number): Buffer {
  if (size < 16) return Buffer.of(fix | size);
  if (size < 0x10000) return Buffer.of(sixteen, size >> 8, size & 0xff);
  const bytes = Buffer.alloc(5);
  bytes[0] = thirtyTwo;
  bytes.writeUInt32BE(size, 1);
  return bytes;
}

const mapHeader = (size: number) => header(size, 0x80, 0xde, 0xdf);
const arrayHeader = (size: number) => header(size, 0x90, 0xdc, 0xdd);

/**
 * A member of a view, encoded as the pieces of its MessagePack. One object
 * stands for one encoding: the encoder hands out the same object for as
 * long as the member's bytes stay the same, so a client was sent a member
 * in its present form exactly when it was sent this object.
 */
export class Encoded {
  readonly parts: readonly Buffer[];

  constructor(parts: readonly Buffer[]) {
    this.parts = parts;
  }

  sameBytes(other: Encoded): boolean {
    const [a, b] = [this.parts, other.parts];
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !a[i]!.equals(b[i]!)) return false;
    return true;
  }
}

/** An `actors` or `drafts` member: joined from one encoding per entry, which a patch may send alone. */
export class EntriesEncoded extends Encoded {
  readonly ids: readonly string[];
  readonly entries: readonly Encoded[];

  constructor(ids: readonly string[], entries: readonly Encoded[]) {
    const parts: Buffer[] = [mapHeader(ids.length)];
    for (const [i, id] of ids.entries()) parts.push(key(id), ...entries[i]!.parts);
    super(parts);
    this.ids = ids;
    this.entries = entries;
  }
}

/** The members of a view (the step aside), encoded. */
export type EncodedView = ReadonlyMap<string, Encoded>;

/** Members whose entries (one per seat) are encoded one by one: most updates change one entry. */
const PER_ENTRY = new Set(['actors', 'drafts']);

/** An encoding and what it was encoded from: the source's JSON and whether the match had ended. */
interface Slot {
  source: number | string;
  ended: boolean;
  encoded: Encoded;
}

/**
 * The views of one match, kept encoded from update to update: after a
 * command only what changed is encoded again (docs/server.md,
 * "Benchmark"). The engine changes the state in place, so what changed is
 * told by content: each encoding keeps the version (`StateParts`, which
 * the room's state hash keeps anyway) of what it was encoded from, a
 * member of the state or one entry of `actors` or `drafts`, and is encoded
 * again only when that changed. That is enough because a view's member
 * depends on the state's member of its name, the viewer and whether the
 * match has ended (`viewsFor`, whose test holds it to that). What several
 * views share (a member, another seat's redacted actor, an event) is
 * encoded once for all of them, and an encoding whose bytes did not change
 * stays the same object, which tells the sender a client has it.
 */
export class ViewEncoder {
  private match: MatchState | null = null;
  private step = -1;
  private readonly views = new Map<string | null, Map<string, Encoded>>();
  /** Members that are the state's own, the same in every view. */
  private readonly shared = new Map<string, Slot>();
  /** Entries of `actors` and `drafts` (`actors.<id>:own` or `:other`), in the form their owner or everyone else sees. */
  private readonly entries = new Map<string, Slot>();
  /** Members computed per viewer (`<viewer>/<name>`). */
  private readonly derived = new Map<string, Slot>();
  private readonly assembled = new Map<string, EntriesEncoded>();
  /** Pieces encoded in the update under way, by object identity (valid for one state only). */
  private pieces = new Map<object, Buffer>();
  private ended = false;
  private readonly state: StateParts;

  /** `parts`: the room's, which its state hash brings up to date after every command. */
  constructor(parts: StateParts) {
    this.state = parts;
  }

  /**
   * The encoded views of these viewers for the match as it is now. Every
   * viewer encoded before is brought up to date too (a viewer is a seat or
   * the spectators: a handful), so what a client was sent always compares
   * with the present encodings.
   */
  update(
    match: MatchState,
    viewers: Iterable<string | null>,
  ): ReadonlyMap<string | null, EncodedView> {
    // The engine bumps the step with every command it applies: the same step of the same match is the same state.
    const current = match === this.match && match.step === this.step;
    const fresh = [...new Set(viewers)].filter((viewer) => !this.views.has(viewer));
    if (current && fresh.length === 0) return this.views;
    const targets = current ? fresh : [...this.views.keys(), ...fresh];
    this.pieces = new Map();
    this.ended = match.phase === 'ended';
    for (const [viewer, view] of viewsFor(match, targets))
      this.views.set(viewer, this.encodeView(match, viewer, view));
    this.pieces = new Map();
    this.match = match;
    this.step = match.step;
    return this.views;
  }

  /** The slot's encoding if it was encoded from this source, else `encode()`'s (the old object if the bytes are equal). */
  private cached(
    slots: Map<string, Slot>,
    name: string,
    source: number | string,
    encode: () => Encoded,
  ): Encoded {
    const slot = slots.get(name);
    if (slot !== undefined && slot.source === source && slot.ended === this.ended)
      return slot.encoded;
    const next = encode();
    const encoded = slot?.encoded.sameBytes(next) ? slot.encoded : next;
    slots.set(name, { source, ended: this.ended, encoded });
    return encoded;
  }

  private encodeView(
    match: MatchState,
    viewer: string | null,
    view: SeatView,
  ): Map<string, Encoded> {
    const members = new Map<string, Encoded>();
    const state = match as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(view)) {
      if (name === 'step') continue;
      const own = state[name];
      if (PER_ENTRY.has(name)) {
        const entries = value as Record<string, unknown>;
        members.set(name, this.assemble(match, name, viewer, entries));
      } else if (!(name in state)) {
        // `viewer`, `deckSize`: a few bytes, encoded every time.
        const source = JSON.stringify(value) ?? 'undefined';
        members.set(
          name,
          this.cached(
            this.derived,
            `${viewer ?? '*'}/${name}`,
            source,
            () => new Encoded([pack(value)]),
          ),
        );
      } else {
        const source = this.state.version(match, name);
        if (value === own)
          members.set(
            name,
            this.cached(this.shared, name, source, () => new Encoded([pack(value)])),
          );
        else
          members.set(
            name,
            this.cached(
              this.derived,
              `${viewer ?? '*'}/${name}`,
              source,
              // Joined into one buffer of its own: kept, its pooled pieces would pin their pools.
              () => new Encoded([owned(Buffer.concat(this.parts(value)))]),
            ),
          );
      }
    }
    return members;
  }

  /** An `actors` or `drafts` member for one viewer, joined from its entries' encodings. */
  private assemble(
    match: MatchState,
    name: string,
    viewer: string | null,
    value: Record<string, unknown>,
  ): EntriesEncoded {
    const ids = Object.keys(value);
    const state = (match as unknown as Record<string, Record<string, unknown>>)[name]!;
    const entries = ids.map((id) => {
      const entry = value[id];
      const form = entry === state[id] ? 'own' : 'other';
      const source = this.state.version(match, `${name}.${id}`);
      return this.cached(
        this.entries,
        `${name}.${id}:${form}`,
        source,
        () => new Encoded([pack(entry)]),
      );
    });
    const slot = `${viewer ?? '*'}/${name}`;
    const last = this.assembled.get(slot);
    const same =
      last !== undefined &&
      last.ids.length === ids.length &&
      ids.every((id, i) => last.ids[i] === id && last.entries[i] === entries[i]);
    if (same) return last;
    const encoded = new EntriesEncoded(ids, entries);
    this.assembled.set(slot, encoded);
    return encoded;
  }

  /** The pieces of a value: an array's or a record's entries encoded by identity, once for every viewer. */
  private parts(value: unknown): Buffer[] {
    if (value === null || typeof value !== 'object') return [packPiece(value)];
    if (Array.isArray(value))
      return [arrayHeader(value.length), ...value.map((entry) => this.piece(entry))];
    const record = value as Record<string, unknown>;
    const names = Object.keys(record);
    const parts = [mapHeader(names.length)];
    for (const name of names) parts.push(key(name), this.piece(record[name]));
    return parts;
  }

  private piece(value: unknown): Buffer {
    if (value === null || typeof value !== 'object') return packPiece(value);
    let bytes = this.pieces.get(value);
    if (bytes === undefined) {
      bytes = packPiece(value);
      this.pieces.set(value, bytes);
    }
    return bytes;
  }
}

/** A record of encoded members as MessagePack pieces: `[name, pieces]` in order. */
export function recordParts(members: readonly (readonly [string, readonly Buffer[]])[]): Buffer[] {
  const parts = [mapHeader(members.length)];
  for (const [name, pieces] of members) parts.push(key(name), ...pieces);
  return parts;
}

/** MessagePack of a value, for the small parts around encoded members. */
export function encodeValue(value: unknown): Buffer {
  return pack(value);
}

const frameHeaders = new Map<string, Buffer>();

/** The frame of a room message whose payload is these MessagePack pieces: what `client.send` would build. */
export function messageFrame(type: string, payload: readonly Buffer[]): Buffer {
  let head = frameHeaders.get(type);
  if (head === undefined) {
    head = getMessageBytes.raw(Protocol.ROOM_DATA, type);
    frameHeaders.set(type, head);
  }
  return Buffer.concat([head, ...payload]);
}
