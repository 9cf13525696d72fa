import type { CommandEntry, MatchRecord } from '../store/types.ts';
import type { MatchLog } from './match-room.ts';

/**
 * A match log in memory for tests of the room's writes: it keeps the match
 * records and the command log, refuses an append out of order, and can be
 * made slow (`delayMs` per append) or made to fail its next append, as a full
 * disk would (`failNext`).
 */
export class MemoryLog implements MatchLog {
  readonly matches: MatchRecord[] = [];
  readonly entries: CommandEntry[] = [];
  delayMs = 0;
  failNext = false;

  async createMatch(record: MatchRecord): Promise<void> {
    this.matches.push(record);
  }

  async appendCommand(_id: string, seq: number, command: unknown, hash: string, at: number) {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    const last = this.entries.at(-1)?.seq ?? 0;
    if (seq !== last + 1) throw new Error(`out of order: ${seq} after ${last}`);
    this.entries.push({ seq, command, stateHash: hash, at });
  }

  async loadLog(): Promise<CommandEntry[]> {
    return [...this.entries];
  }

  async upsertSeat(): Promise<void> {}
  async saveClock(): Promise<void> {}
  async finish(): Promise<void> {}
  async listFinished() {
    return { total: 0, matches: [] };
  }
  async getMatchFile() {
    return null;
  }
}
