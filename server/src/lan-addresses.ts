import { networkInterfaces } from 'node:os';

/** Whether a listen host means every interface. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** The machine's IPv4 addresses on local networks, for players joining from other devices. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

/**
 * Where other devices can reach a server listening on `host`: every LAN
 * address when it listens on all interfaces, the host itself when that is a
 * non-loopback address, nothing when it listens on loopback only.
 */
export function reachableAddresses(host: string, lan: () => string[] = lanAddresses): string[] {
  if (isWildcard(host)) return lan();
  if (host === 'localhost' || host.startsWith('127.') || host === '::1') return [];
  return [host];
}

/** Whether a peer's address is this machine's loopback (IPv4, IPv6 or IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}
