import { describe, expect, it } from "vitest";
import { describeUserAgent } from "@/lib/domain/sessions/user-agent";
import { issuePendingToken, PENDING_TOKEN_SECONDS, readPendingToken } from "@/lib/domain/two-factor/pending-token";
import { mustEnrolTwoFactor } from "@/lib/domain/two-factor/policy";
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from "@/lib/domain/two-factor/recovery-codes";
import { decryptTotpSecret, encryptTotpSecret } from "@/lib/domain/two-factor/secret";

const PENDING = {
  userId: "0b6f2a52-9d7e-4c1a-8f3b-2e5d6c7a8b90",
  tenantId: "5e1d2c3b-4a59-4687-9abc-def012345678",
  tenantSlug: "sowes",
  email: "anna@example.test",
  sessionVersion: 2,
};

describe("describeUserAgent", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "Windows"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge", "Windows"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox", "Linux"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari", "macOS"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1", "Chrome", "iOS"],
    [
      "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
      "Samsung Internet",
      "Android",
    ],
    ["Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/114.0", "Opera", "ChromeOS"],
  ])("reads %s as %s on %s", (ua, browser, system) => {
    expect(describeUserAgent(ua)).toEqual({ browser, system });
  });

  it("says nothing it does not know", () => {
    expect(describeUserAgent(null)).toEqual({ browser: null, system: null });
    expect(describeUserAgent("curl/8.5.0")).toEqual({ browser: null, system: null });
  });
});

describe("the pending sign-in token", () => {
  it("round-trips what the first step established, never a password", () => {
    const token = issuePendingToken(PENDING);
    expect(readPendingToken(token)).toEqual({ status: "valid", pending: PENDING });
    expect(token).not.toContain("password");
  });

  it(`expires after ${PENDING_TOKEN_SECONDS / 60} minutes, still naming its account`, () => {
    const now = Date.now();
    const token = issuePendingToken(PENDING, now);
    expect(readPendingToken(token, now + (PENDING_TOKEN_SECONDS - 1) * 1000).status).toBe("valid");
    expect(readPendingToken(token, now + (PENDING_TOKEN_SECONDS + 1) * 1000)).toEqual({ status: "expired", pending: PENDING });
  });

  it("is forged when altered, re-signed by anyone else or malformed", () => {
    const token = issuePendingToken(PENDING);
    const [payload, mac] = token.split(".");
    const altered = Buffer.from(JSON.stringify({ ...PENDING, userId: "someone-else", exp: 9_999_999_999 })).toString("base64url");
    for (const forged of [`${altered}.${mac}`, `${payload}.${"A".repeat(mac?.length ?? 0)}`, `${payload}`, `${payload}.${mac}.x`, "", "not a token"]) {
      expect(readPendingToken(forged).status, forged).toBe("forged");
    }
  });

  it("differs every time (a nonce), even for the same sign-in", () => {
    expect(issuePendingToken(PENDING)).not.toBe(issuePendingToken(PENDING));
  });
});

describe("the TOTP secret at rest", () => {
  const owner = { tenantId: PENDING.tenantId, userId: PENDING.userId };

  it("decrypts for its owner only, and never holds the secret in clear", () => {
    const stored = encryptTotpSecret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", owner);
    expect(stored).not.toContain("GEZDGNBV");
    expect(decryptTotpSecret(stored, owner)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(decryptTotpSecret(stored, { ...owner, userId: "7c9e6679-7425-40de-944b-e07fc1f90ae7" })).toBeNull();
    expect(encryptTotpSecret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", owner)).not.toBe(stored);
  });

  it("refuses a tampered or malformed value", () => {
    const stored = encryptTotpSecret("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", owner);
    const tampered = `${stored.slice(0, -2)}${stored.endsWith("A") ? "B" : "A"}A`;
    for (const value of [tampered, "v1:", "v2:abc", "GEZDGNBVGY3TQOJQ", ""]) expect(decryptTotpSecret(value, owner), value).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are ten distinct xxxx-xxxx codes without look-alike characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });

  it("are read as typed (case, spaces, the hyphen), and hash apart per user", () => {
    expect(normaliseRecoveryCode(" AB2C-D3EF ")).toBe("ab2cd3ef");
    expect(normaliseRecoveryCode("ab2cd3ef")).toBe("ab2cd3ef");
    expect(normaliseRecoveryCode("123456")).toBeNull();
    expect(hashRecoveryCode("u1", "ab2cd3ef")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode("u1", "ab2cd3ef")).not.toBe(hashRecoveryCode("u2", "ab2cd3ef"));
  });
});

describe("mustEnrolTwoFactor", () => {
  it("holds a user back only when the policy requires a second factor and this session has none", () => {
    expect(mustEnrolTwoFactor({ twoFactorRequired: true, sessionTwoFactor: false })).toBe(true);
    expect(mustEnrolTwoFactor({ twoFactorRequired: true, sessionTwoFactor: true })).toBe(false);
    expect(mustEnrolTwoFactor({ twoFactorRequired: false, sessionTwoFactor: false })).toBe(false);
  });
});
