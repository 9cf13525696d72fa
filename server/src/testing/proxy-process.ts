import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * A reverse proxy the tests run in front of the game (nginx, Caddy): its
 * stderr collected, a `stop()` that signals it, waits for it and deletes
 * its directory, and a wait until the game's health answers through it.
 */
export async function proxyReady(
  name: string,
  child: ChildProcess,
  dir: string,
  base: string,
  options: { stopSignal: NodeJS.Signals; timeoutMs: number },
): Promise<{ base: string; stop: () => Promise<void> }> {
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill(options.stopSignal);
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${errors}`);
    const status = await fetch(`${base}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { base, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${name} did not pass ${base}/api/health on (last status ${status}): ${errors}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
