import { describe, expect, it } from "vitest";
import { clientIpFromHeaders, UNKNOWN_CLIENT_IP } from "@/lib/auth/client-ip";

const ip = (headers: Record<string, string>, trustedProxyCount: number) => clientIpFromHeaders(new Headers(headers), trustedProxyCount);

/**
 * The header as scripts/server.mjs passes it on (scripts/forwarded-for.mjs): the entries the trusted
 * proxies appended, then the socket's address. tests/unit/auth/forwarded-for.test.ts covers the
 * rewrite and the two together.
 */
describe("clientIpFromHeaders", () => {
  describe("with no trusted proxy", () => {
    it("takes the socket's address, the only entry the server leaves", () => {
      expect(ip({ "x-forwarded-for": "203.0.113.7" }, 0)).toBe("203.0.113.7");
    });

    it("takes the rightmost entry, never the client's leftmost one", () => {
      expect(ip({ "x-forwarded-for": "198.51.100.7, 127.0.0.1" }, 0)).toBe("127.0.0.1");
      expect(ip({ "x-forwarded-for": "198.51.100.7,10.0.0.1 ,  127.0.0.1" }, 0)).toBe("127.0.0.1");
    });

    it("ignores X-Real-IP", () => {
      expect(ip({ "x-forwarded-for": "127.0.0.1", "x-real-ip": "198.51.100.7" }, 0)).toBe("127.0.0.1");
      expect(ip({ "x-real-ip": "198.51.100.7" }, 0)).toBe(UNKNOWN_CLIENT_IP);
    });

    it("answers 'unknown' without a usable header", () => {
      expect(ip({}, 0)).toBe(UNKNOWN_CLIENT_IP);
      expect(ip({ "x-forwarded-for": " , " }, 0)).toBe(UNKNOWN_CLIENT_IP);
    });
  });

  describe("behind trusted proxies", () => {
    it("takes the address the one proxy appended, left of the proxy's own (the socket's)", () => {
      // client 203.0.113.7 → proxy 10.0.0.2 (appends the client) → server (appends the proxy).
      expect(ip({ "x-forwarded-for": "203.0.113.7, 10.0.0.2" }, 1)).toBe("203.0.113.7");
      expect(ip({ "x-forwarded-for": "203.0.113.7, 10.0.0.2", "x-real-ip": "198.51.100.7" }, 1)).toBe("203.0.113.7");
    });

    it("counts proxies from the right, whatever stands further left", () => {
      expect(ip({ "x-forwarded-for": "198.51.100.7, 203.0.113.7, 10.0.0.2" }, 1)).toBe("203.0.113.7");
      expect(ip({ "x-forwarded-for": "1.1.1.1, 198.51.100.7, 203.0.113.7, 10.0.0.2" }, 1)).toBe("203.0.113.7");
    });

    it("with two, takes the entry the outer proxy appended", () => {
      // client → outer proxy (appends the client) → inner proxy (appends the outer one) → server (appends the inner one).
      expect(ip({ "x-forwarded-for": "203.0.113.7, 10.0.0.1, 10.0.0.2" }, 2)).toBe("203.0.113.7");
      expect(ip({ "x-forwarded-for": "198.51.100.7, 203.0.113.7, 10.0.0.1, 10.0.0.2" }, 2)).toBe("203.0.113.7");
    });

    it("takes the leftmost entry when the chain is shorter than the proxies configured", () => {
      // Came in through the inner proxy only, or directly: every entry left was written by a trusted hop.
      expect(ip({ "x-forwarded-for": "10.0.0.1, 10.0.0.2" }, 2)).toBe("10.0.0.1");
      expect(ip({ "x-forwarded-for": "203.0.113.7" }, 1)).toBe("203.0.113.7");
      expect(ip({ "x-forwarded-for": "203.0.113.7" }, 2)).toBe("203.0.113.7");
    });
  });
});
