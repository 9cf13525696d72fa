import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Who sent a request, as the limits count it. */
export type AddressOf = (req: IncomingMessage) => string;

/**
 * The client address of a request: the socket's peer, or, behind trusted
 * proxies (TRUST_PROXY, e.g. `loopback` for nginx on the same machine), the
 * first address in X-Forwarded-For that is not one of them (proxy-addr, as
 * Express's "trust proxy"). Without TRUST_PROXY the header is ignored: any
 * client could write it.
 */
export function addressOf(trustProxy: string | null): AddressOf {
  const trusted = trustProxy
    ? proxyAddr.compile(trustProxy.split(',').map((s) => s.trim()))
    : () => false;
  return (req) => addressKey(proxyAddr(req, trusted));
}

/**
 * The key one address is counted under: an IPv4 address as it is (also when
 * written IPv4-mapped, `::ffff:1.2.3.4`), an IPv6 address by its /64, the
 * block one household or phone is given, so that one client cannot take a
 * fresh allowance with each of its addresses.
 */
function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}
