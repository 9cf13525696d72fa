import { Redis } from 'ioredis';

/** One Redis answer: a simple or bulk string, an integer, null, or an array of them. */
export type Resp = string | number | null | Resp[];

/**
 * Sends one command to the Redis on 127.0.0.1:`port` over a fresh ioredis
 * connection that does not retry, and resolves with its answer; a refused
 * connection or an error answer (`-ERR …`, `-LOADING …`) rejects with its
 * reason. For tests and readiness checks.
 */
export async function redisCommand(port: number, ...args: string[]): Promise<Resp> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // connect() only says the connection closed; the first error says why (ECONNREFUSED…).
  let firstError: Error | null = null;
  client.on('error', (error: Error) => {
    firstError ??= error;
  });
  try {
    await client.connect();
    return (await client.call(args[0]!, ...args.slice(1))) as Resp;
  } catch (error) {
    throw firstError ?? error;
  } finally {
    client.disconnect();
  }
}
