import { describe, expect, it } from "vitest";
import { NON_PAGE_CSP, STATIC_SECURITY_HEADERS, contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";

const directives = (csp: string) => Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe("Content-Security-Policy", () => {
  it("allows scripts only from the app or with this request's nonce, never inline or eval in production", () => {
    const nonce = createNonce();
    const csp = directives(contentSecurityPolicy(nonce, { development: false, https: false }));
    expect(csp["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
    expect(csp["style-src"]).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp).not.toHaveProperty("upgrade-insecure-requests");
  });

  it("upgrades insecure requests only when served over HTTPS, and relaxes only for next dev", () => {
    expect(directives(contentSecurityPolicy("n", { development: false, https: true }))).toHaveProperty("upgrade-insecure-requests");
    expect(directives(contentSecurityPolicy("n", { development: true, https: false }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("makes a fresh, unguessable nonce per request", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("static security headers", () => {
  it("refuse framing, sniffing, cross-origin referrers and device features", () => {
    const headers = Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]));
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    expect(directives(NON_PAGE_CSP)["default-src"]).toEqual(["'none'"]);
  });
});
