import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from './app.ts';
import { isLoopback, reachableAddresses } from './lan-addresses.ts';
import { boundPort, close, listen } from './listen.ts';

describe('where other devices reach the server', () => {
  const lan = () => ['192.168.1.7', '10.0.0.3'];

  test('listening on every interface, it is every LAN address', () => {
    expect(reachableAddresses('0.0.0.0', lan)).toEqual(['192.168.1.7', '10.0.0.3']);
    expect(reachableAddresses('::', lan)).toEqual(['192.168.1.7', '10.0.0.3']);
  });

  test('listening on one address, it is that address; on loopback, nowhere', () => {
    expect(reachableAddresses('192.168.5.5', lan)).toEqual(['192.168.5.5']);
    expect(reachableAddresses('127.0.0.1', lan)).toEqual([]);
    expect(reachableAddresses('localhost', lan)).toEqual([]);
    expect(reachableAddresses('::1', lan)).toEqual([]);
  });

  test('only this machine counts as loopback', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.3.2.1'])
      expect(isLoopback(a)).toBe(true);
    for (const a of ['192.168.1.7', '::ffff:10.0.0.3', '', undefined, '1127.0.0.1'])
      expect(isLoopback(a)).toBe(false);
  });
});

describe('GET /api/address', () => {
  let server: Server;
  let clientDist: string;
  beforeAll(async () => {
    clientDist = await mkdtemp(join(tmpdir(), 'entanglement-address-'));
    await writeFile(join(clientDist, 'index.html'), '<!doctype html>');
    server = await listen(
      createApp({ clientDist, reachableAddresses: () => ['192.168.1.7'] }),
      0,
      '127.0.0.1',
    );
  });
  afterAll(async () => {
    await close(server);
    await rm(clientDist, { recursive: true, force: true });
  });

  test('tells a browser on this machine the addresses students can join at', async () => {
    const res = await fetch(`http://127.0.0.1:${boundPort(server)}/api/address`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ addresses: ['192.168.1.7'] });
  });
});
