import { describe, expect, it } from "vitest";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { forwardedFor, normaliseAddress, parseTrustedProxyCount, withTrustedForwarding } from "@/scripts/forwarded-for.mjs";

/**
 * The headers scripts/server.mjs hands to Next.js. `next start` passes a client's own
 * X-Forwarded-For on untouched, so a client reaching the app directly could name any address and
 * never trip the per-(account, address) sign-in lock.
 */
const SOCKET = "192.0.2.10";
const FORGED = "198.51.100.7";

describe("forwardedFor", () => {
  describe("with no trusted proxy", () => {
    it("is the socket's address when the request has no header", () => {
      expect(forwardedFor(undefined, SOCKET, 0)).toBe(SOCKET);
      expect(forwardedFor("", SOCKET, 0)).toBe(SOCKET);
    });

    it("drops a forged header: only the socket's address is left", () => {
      expect(forwardedFor(FORGED, SOCKET, 0)).toBe(SOCKET);
      expect(forwardedFor(`${FORGED}, 10.0.0.1,  203.0.113.9`, SOCKET, 0)).toBe(SOCKET);
      // The same header sent twice: Node joins the lines, or a caller passes them as an array.
      expect(forwardedFor([FORGED, "203.0.113.9"], SOCKET, 0)).toBe(SOCKET);
    });
  });

  describe("behind trusted proxies", () => {
    it("keeps the entry the one proxy appended, drops what the client wrote before it and appends the proxy's address", () => {
      // client → proxy 10.0.0.2, which appends the client's address 203.0.113.7.
      expect(forwardedFor("203.0.113.7", "10.0.0.2", 1)).toBe("203.0.113.7, 10.0.0.2");
      expect(forwardedFor(`${FORGED}, junk, 203.0.113.7`, "10.0.0.2", 1)).toBe("203.0.113.7, 10.0.0.2");
      expect(forwardedFor([`${FORGED}, junk`, "203.0.113.7"], "10.0.0.2", 1)).toBe("203.0.113.7, 10.0.0.2");
    });

    it("keeps as many entries from the right as there are proxies", () => {
      // client → outer proxy 10.0.0.1 (appends 203.0.113.7) → inner proxy 10.0.0.2 (appends 10.0.0.1).
      expect(forwardedFor(`${FORGED}, 203.0.113.7, 10.0.0.1`, "10.0.0.2", 2)).toBe("203.0.113.7, 10.0.0.1, 10.0.0.2");
    });

    it("keeps what there is when fewer proxies appended than are configured", () => {
      expect(forwardedFor(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
      expect(forwardedFor("10.0.0.1", "10.0.0.2", 2)).toBe("10.0.0.1, 10.0.0.2");
    });
  });

  describe("addresses", () => {
    it("writes an IPv4 client of a dual-stack listener as plain IPv4", () => {
      expect(forwardedFor(FORGED, "::ffff:192.0.2.10", 0)).toBe(SOCKET);
      expect(forwardedFor("::FFFF:203.0.113.7", "::ffff:10.0.0.2", 1)).toBe("203.0.113.7, 10.0.0.2");
    });

    it("leaves IPv6 addresses, and what only looks mapped, as they are", () => {
      expect(normaliseAddress("::1")).toBe("::1");
      expect(normaliseAddress("2001:db8::7")).toBe("2001:db8::7");
      expect(normaliseAddress("::ffff:c000:20a")).toBe("::ffff:c000:20a");
      expect(normaliseAddress("::ffff:999.1.1.1")).toBe("::ffff:999.1.1.1");
      expect(forwardedFor(undefined, "2001:db8::7", 0)).toBe("2001:db8::7");
    });

    it("writes 'unknown' for a socket whose address Node no longer knows, so positions still count", () => {
      expect(forwardedFor(FORGED, undefined, 0)).toBe("unknown");
      expect(forwardedFor("203.0.113.7", undefined, 1)).toBe("203.0.113.7, unknown");
    });
  });

  it("refuses a proxy count lib/env.ts would refuse", () => {
    for (const count of [-1, 1.5, 11, Number.NaN]) expect(() => forwardedFor(FORGED, SOCKET, count)).toThrow(RangeError);
  });
});

describe("withTrustedForwarding", () => {
  it("rewrites X-Forwarded-For, removes X-Real-IP and keeps every other header", () => {
    const incoming = { host: "app.example", cookie: "a=1", "x-forwarded-for": FORGED, "x-real-ip": FORGED, "x-forwarded-proto": "https" };
    expect(withTrustedForwarding(incoming, SOCKET, 0)).toEqual({
      host: "app.example",
      cookie: "a=1",
      "x-forwarded-for": SOCKET,
      "x-forwarded-proto": "https",
    });
  });

  it("adds the header when the request has none, and leaves the object it was given alone", () => {
    const incoming = { host: "app.example", "x-real-ip": FORGED };
    const copy = structuredClone(incoming);
    expect(withTrustedForwarding(incoming, "::ffff:192.0.2.10", 0)).toEqual({ host: "app.example", "x-forwarded-for": SOCKET });
    expect(incoming).toEqual(copy);
  });
});

describe("parseTrustedProxyCount", () => {
  it("reads the value as lib/env.ts does: unset is 0", () => {
    expect(parseTrustedProxyCount(undefined)).toBe(0);
    expect(parseTrustedProxyCount("0")).toBe(0);
    expect(parseTrustedProxyCount("2")).toBe(2);
    expect(parseTrustedProxyCount("10")).toBe(10);
  });

  it("refuses anything but a whole number from 0 to 10, naming the variable", () => {
    for (const raw of ["-1", "11", "1.5", "two", "1,2"]) {
      expect(() => parseTrustedProxyCount(raw)).toThrow(/TRUSTED_PROXY_COUNT must be a whole number from 0 to 10/);
    }
  });
});

describe("the rewrite and clientIpFromHeaders together", () => {
  const clientIp = (incoming: Record<string, string>, remoteAddress: string, trustedProxyCount: number) => {
    const headers = withTrustedForwarding(incoming, remoteAddress, trustedProxyCount);
    return clientIpFromHeaders(new Headers(headers as Record<string, string>), trustedProxyCount);
  };

  it("reached directly, a client is its socket's address whatever it forges", () => {
    const addresses = Array.from({ length: 11 }, (_, i) => clientIp({ "x-forwarded-for": `198.51.100.${i + 1}`, "x-real-ip": FORGED }, "::ffff:192.0.2.10", 0));
    expect(new Set(addresses)).toEqual(new Set([SOCKET]));
  });

  it("behind one proxy, a client is the address the proxy appended whatever it wrote before", () => {
    expect(clientIp({ "x-forwarded-for": `${FORGED}, 203.0.113.7` }, "10.0.0.2", 1)).toBe("203.0.113.7");
    expect(clientIp({ "x-forwarded-for": "203.0.113.7" }, "10.0.0.2", 1)).toBe("203.0.113.7");
  });

  it("behind two proxies, a client is the address the outer one appended", () => {
    expect(clientIp({ "x-forwarded-for": `${FORGED}, 203.0.113.7, 10.0.0.1` }, "10.0.0.2", 2)).toBe("203.0.113.7");
  });
});
