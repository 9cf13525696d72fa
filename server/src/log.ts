import { type Level, type Logger, pino } from 'pino';

/** One log line as written: pino's JSON object. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

type Sink = (line: string, level: number) => void;

/** Warnings and errors go to stderr, the rest to stdout (pino's levels: warn is 40). */
const toProcess: Sink = (line, level) => {
  (level >= 40 ? process.stderr : process.stdout).write(line);
};
let sink: Sink = toProcess;

/**
 * pino writes each line here, with its level set just before (pino's
 * metadata protocol, as its multistream uses), so the sink can split by
 * level and tests can capture what was logged.
 */
const destination = {
  [pino.symbols.needsMetadataGsym]: true,
  lastLevel: 0,
  write(line: string) {
    sink(line, this.lastLevel);
  },
};

/**
 * The server's log: one JSON object a line (pino), with `roomId` on a
 * match's lines and `reqId` on a request's (children of this one). A refused
 * request is an answer to its sender, not the server's failure: it is logged
 * at most as one short line, never with a stack trace.
 */
export const log: Logger = pino({ base: { pid: process.pid }, level: 'info' }, destination);

export const LOG_LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

export function setLogLevel(level: Level): void {
  log.level = level;
}

/**
 * What a WebSocket client did wrong, as the ws library words it (a frame
 * over the 4 KiB limit, a malformed frame): its refusal, not the server's
 * failure. Colyseus logs these as errors with their stack.
 */
const CLIENT_FAULT = /^(Max payload size exceeded|Invalid |Unsupported )/;

/**
 * Colyseus's logger: its lines in this log (`component: colyseus`), a
 * client's fault as one info line without its stack.
 */
export function colyseusLogger(): Pick<Logger, 'debug' | 'info' | 'warn' | 'trace'> & {
  error(...args: unknown[]): void;
} {
  const child = log.child({ component: 'colyseus' });
  return {
    debug: child.debug.bind(child),
    info: child.info.bind(child),
    warn: child.warn.bind(child),
    trace: child.trace.bind(child),
    error(...args: unknown[]) {
      const first = String(args[0] ?? '');
      if (CLIENT_FAULT.test(first)) child.info(`refused: ${first.split('\n')[0]}`);
      else child.error(args.map(String).join(' '));
    },
  };
}

/** The log of one match. */
export function roomLog(roomId: string): Logger {
  return log.child({ roomId });
}

/** A short reason for a log line: an error's message without its stack. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Test helper: from now on log lines are kept (parsed) instead of written,
 * until `restore()`.
 */
export function captureLog(): { lines: LogLine[]; restore: () => void } {
  const lines: LogLine[] = [];
  sink = (line) => {
    lines.push(JSON.parse(line) as LogLine);
  };
  return {
    lines,
    restore: () => {
      sink = toProcess;
    },
  };
}
