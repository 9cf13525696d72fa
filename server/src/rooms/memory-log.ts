import type { CommandEntry, MatchRecord } from '../store/types.ts';
import type { MatchLog } from './match-log-port.ts';

/**
 * A match log in memory for tests of the room's writes: it keeps the match
 * records and the command logs, refuses an append out of its match's order, and can be
 * made slow (`delayMs` per append) or made to fail its next append, as a full
 * disk would (`failNext`).
 */
export class MemoryLog implements MatchLog {
  readonly matches: MatchRecord[] = [];
  /** Every match's commands, in the order appended (`logOf` gives one match's). */
  readonly entries: CommandEntry[] = [];
  private readonly owners: string[] = [];
  delayMs = 0;
  failNext = false;

  async createMatch(record: MatchRecord): Promise<void> {
    this.matches.push(record);
  }

  async appendCommand(id: string, seq: number, command: unknown, hash: string, at: number) {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    const last = this.logOf(id).at(-1)?.seq ?? 0;
    if (seq !== last + 1) throw new Error(`out of order: ${seq} after ${last}`);
    this.entries.push({ seq, command, stateHash: hash, at });
    this.owners.push(id);
  }

  logOf(id: string): CommandEntry[] {
    return this.entries.filter((_, i) => this.owners[i] === id);
  }

  async loadLog(id: string): Promise<CommandEntry[]> {
    return this.logOf(id);
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
