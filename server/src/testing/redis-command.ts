import { Socket } from 'node:net';

/** One Redis answer: a simple or bulk string, an integer, null, or an array of them. */
export type Resp = string | number | null | Resp[];

/**
 * Sends one command to the Redis on 127.0.0.1:`port` over a fresh connection
 * and resolves with its answer (a string, number, null or array); an error
 * answer (`-ERR …`, `-LOADING …`) rejects. For tests and readiness checks, not
 * a client library.
 */
export function redisCommand(port: number, ...args: string[]): Promise<Resp> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let buffer = Buffer.alloc(0);
    const done = (err: Error | null, value?: Resp) => {
      socket.destroy();
      if (err) reject(err);
      else resolve(value!);
    };
    socket.setTimeout(2000, () => done(new Error(`Redis ${args[0]} timed out`)));
    socket.once('error', (err) => done(err));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        const parsed = parseResp(buffer, 0);
        if (parsed) done(null, parsed.value);
      } catch (err) {
        done(err as Error);
      }
    });
    const request = args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('');
    socket.connect(port, '127.0.0.1', () => socket.write(`*${args.length}\r\n${request}`));
  });
}

/** One RESP value from `at`, or null while it is incomplete. */
function parseResp(buf: Buffer, at: number): { value: Resp; end: number } | null {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return null;
  const line = buf.toString('utf8', at + 1, eol);
  const next = eol + 2;
  switch (String.fromCharCode(buf[at]!)) {
    case '+':
      return { value: line, end: next };
    case '-':
      throw new Error(`Redis answered: ${line}`);
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buf.length < next + length + 2) return null;
      return { value: buf.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const values: Resp[] = [];
      let end = next;
      for (let i = 0; i < Number(line); i++) {
        const item = parseResp(buf, end);
        if (!item) return null;
        values.push(item.value);
        end = item.end;
      }
      return { value: values, end };
    }
    default:
      throw new Error(`Not a Redis answer: ${JSON.stringify(buf.toString('utf8', at, eol))}`);
  }
}
