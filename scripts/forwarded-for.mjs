/**
 * The forwarding headers every request carries into Next.js, rebuilt by scripts/server.mjs from
 * facts the server controls. Pure functions, so that tests/unit/auth/forwarded-for.test.ts can
 * check them without a server.
 *
 * Why: sign-in throttling keys on the client address (lib/auth/client-ip.ts), and `next start`
 * takes that from the client. It never appends the connection's address to `X-Forwarded-For`; it
 * only fills the header in when the request has none (`req.headers['x-forwarded-for'] ??=
 * socket.remoteAddress` in next/dist/server/base-server.js, Next 16.4). A client that reaches the
 * app directly and sends `X-Forwarded-For: 198.51.100.7` therefore picks its own address, and with
 * a new one for every attempt it never trips the per-(account, address) lock.
 *
 * So the header is rewritten before Next sees it: of the incoming entries only the rightmost
 * `trustedProxyCount` are kept (each trusted proxy appended one, the address it was connected
 * from), and the address of the socket the request came in on is appended, as a well-behaved proxy
 * would. Whatever a client wrote further left is dropped, so the list is at most
 * `trustedProxyCount + 1` entries long, the rightmost always the socket's. `X-Real-IP` is dropped:
 * nothing may trust it, and a client can set it at will.
 *
 * What stays a matter of deployment: with `trustedProxyCount` > 0 the app must be reachable only
 * through those proxies, or a client connecting directly writes the entries that are kept.
 */
import net from "node:net";

/** The most reverse proxies TRUSTED_PROXY_COUNT may name, as lib/env.ts allows. */
export const MAX_TRUSTED_PROXIES = 10;

/** Stands in for the socket's address if Node no longer knows it (the connection has closed). */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * TRUSTED_PROXY_COUNT as lib/env.ts reads it (`z.coerce.number().int().min(0).max(10).default(0)`),
 * so the server and the app can never disagree on its value: unset means 0.
 * @param {string | undefined} raw
 * @returns {number}
 * @throws {RangeError} when it is not a whole number from 0 to 10
 */
export function parseTrustedProxyCount(raw) {
  if (raw === undefined) return 0;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0 || count > MAX_TRUSTED_PROXIES) {
    throw new RangeError(
      `TRUSTED_PROXY_COUNT must be a whole number from 0 to ${MAX_TRUSTED_PROXIES} (the reverse proxies in front of the app that append to X-Forwarded-For), got "${raw}"`,
    );
  }
  return count;
}

/**
 * An IPv4 client of a dual-stack listener appears as an IPv4-mapped IPv6 address
 * (`::ffff:192.0.2.1`): this gives the plain IPv4 form, so one client has one address whichever way
 * the server listens. Every other value is returned as it is.
 * @param {string} address
 * @returns {string}
 */
export function normaliseAddress(address) {
  const mapped = /^::ffff:([0-9.]+)$/i.exec(address);
  return mapped && net.isIPv4(mapped[1]) ? mapped[1] : address;
}

/**
 * The `X-Forwarded-For` value Next.js gets: the rightmost `trustedProxyCount` entries of the
 * incoming header, then the socket's address.
 * @param {string | string[] | undefined} incoming the header as Node parsed it (repeated headers are joined with ", ")
 * @param {string | undefined} remoteAddress `req.socket.remoteAddress`
 * @param {number} trustedProxyCount
 * @returns {string}
 */
export function forwardedFor(incoming, remoteAddress, trustedProxyCount) {
  if (!Number.isInteger(trustedProxyCount) || trustedProxyCount < 0 || trustedProxyCount > MAX_TRUSTED_PROXIES) {
    throw new RangeError(`trustedProxyCount must be a whole number from 0 to ${MAX_TRUSTED_PROXIES}, got ${trustedProxyCount}`);
  }
  const entries = [incoming ?? []]
    .flat()
    .join(",")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  // Not slice(-0): that would keep every entry.
  const appendedByProxies = trustedProxyCount === 0 ? [] : entries.slice(-trustedProxyCount);
  return [...appendedByProxies, remoteAddress || UNKNOWN_ADDRESS].map(normaliseAddress).join(", ");
}

/**
 * A copy of the request headers with `x-forwarded-for` rebuilt by {@link forwardedFor} and
 * `x-real-ip` removed; the object given is not changed. Header names are lower case, as Node
 * gives them.
 * @param {import("node:http").IncomingHttpHeaders} headers
 * @param {string | undefined} remoteAddress `req.socket.remoteAddress`
 * @param {number} trustedProxyCount
 * @returns {import("node:http").IncomingHttpHeaders}
 */
export function withTrustedForwarding(headers, remoteAddress, trustedProxyCount) {
  const { "x-real-ip": _clientWritten, ...rest } = headers;
  return { ...rest, "x-forwarded-for": forwardedFor(headers["x-forwarded-for"], remoteAddress, trustedProxyCount) };
}
