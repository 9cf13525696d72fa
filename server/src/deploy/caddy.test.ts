import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  CADDYFILE,
  type CaddyService,
  missingCaddy,
  startCaddy,
  validateCaddyfile,
} from '../testing/caddy.ts';
import { playLegitimateMatch } from '../testing/legitimate-match.ts';
import { describeWithServices } from '../testing/service-suite.ts';
import { freePort } from '../testing/services.ts';
import { killServer, type ServerProcess, spawnServer } from '../testing/spawn-server.ts';

/**
 * deploy/caddy/Caddyfile, the TLS front docs/deploy.md installs: Caddy
 * accepts it as shipped, and with only its site name made local (no
 * certificate can be fetched here) a class's match plays through it, its
 * WebSockets included.
 */
describeWithServices('Caddy', missingCaddy(), 'the shipped Caddyfile', () => {
  let dir = '';
  let server: ServerProcess | undefined;
  let caddy: CaddyService | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'entanglement-caddy-test-'));
    server = await spawnServer(join(dir, 'data'), { TRUST_PROXY: 'loopback' });
    caddy = await startCaddy(await freePort(), Number(new URL(server.base).port));
  });

  afterAll(async () => {
    await caddy?.stop();
    if (server) await killServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  test('caddy validate accepts it as shipped', () => {
    const { status, output } = validateCaddyfile(CADDYFILE);
    expect(status, output).toBe(0);
    expect(output).toContain('Valid configuration');
  });

  test('a match plays to its end through it, WebSockets included, and is archived', async () => {
    const { acked } = await playLegitimateMatch(caddy!.base, join(dir, 'data'));
    expect(acked).toBeGreaterThan(0);
  });
});
