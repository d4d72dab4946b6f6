/** The address the sign-in throttle keys on when the headers name none. */
export const UNKNOWN_CLIENT_IP = "unknown";

type THeaderReader = { get(name: string): string | null };

/**
 * The client address of a request, for throttling sign-ins: the `X-Forwarded-For` entry
 * `trustedProxyCount` places left of the rightmost one.
 *
 * This relies on the production server, scripts/server.mjs (`npm start`), which rebuilds the header
 * before Next.js sees it (scripts/forwarded-for.mjs): the rightmost `trustedProxyCount` incoming
 * entries, each appended by one trusted proxy, then the address of the socket the request came in
 * on. So the rightmost entry is the socket; with no proxy that is the client, and with proxies the
 * client is the entry the outermost proxy appended, `trustedProxyCount` places further left:
 *
 *   no proxy:   "<client>"                       → index 0 = length-1-0
 *   one proxy:  "<client>, <proxy>"              → index 0 = length-1-1
 *   two:        "<client>, <outer>, <inner>"     → index 0 = length-1-2
 *
 * A shorter list (a request that came in through the inner proxies only, or directly) holds only
 * entries written by trusted hops, so its leftmost entry is taken.
 *
 * Behind bare `next start` (or `next dev`) none of this holds: Next.js does not append the socket's
 * address, it only sets the header when the request has none (`req.headers['x-forwarded-for'] ??=
 * socket.remoteAddress` in next/dist/server/base-server.js, Next 16.4), so a client reaching it
 * directly chooses its address.
 *
 * `X-Real-IP` is never read (the server removes it): a client can set it, and a chain of proxies
 * cannot say which of them did.
 */
export function clientIpFromHeaders(headers: THeaderReader, trustedProxyCount: number): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "");
  const index = Math.max(hops.length - 1 - trustedProxyCount, 0);
  return hops[index] ?? UNKNOWN_CLIENT_IP;
}
