import { describe, expect, it } from "vitest";
import {
  TOTP,
  base32Decode,
  base32Encode,
  formatSecret,
  generateSecret,
  otpauthUri,
  totpCode,
  totpIssuer,
  totpStep,
  verifyTotp,
} from "@/lib/domain/two-factor/totp";

// RFC 6238 appendix B: the SHA-1 key is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890", "ascii"));
const RFC_SHA1_VECTORS: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("base32", () => {
  it("encodes the RFC key as RFC 4648 does, and decodes it back", () => {
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode(RFC_SECRET).toString("ascii")).toBe("12345678901234567890");
  });

  it("reads a secret as a person types it: lower case, spaces, groups", () => {
    expect(base32Decode(formatSecret(RFC_SECRET).toLowerCase()).toString("ascii")).toBe("12345678901234567890");
    expect(() => base32Decode("GEZD1")).toThrow();
  });
});

describe("totpCode", () => {
  it.each(RFC_SHA1_VECTORS)("matches RFC 6238's SHA-1 vector at T=%i (8 digits)", (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it.each(RFC_SHA1_VECTORS)("gives the vector's last six digits at T=%i (what apps show)", (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(-6));
  });

  it("changes every 30 seconds and holds within a step", () => {
    const start = 1111111110 * 1000; // a step boundary (1111111110 / 30 is whole)
    expect(totpStep(start)).toBe(37037037);
    expect(totpCode(RFC_SECRET, start)).toBe(totpCode(RFC_SECRET, start + 29_999));
    expect(totpCode(RFC_SECRET, start)).not.toBe(totpCode(RFC_SECRET, start + 30_000));
  });
});

describe("verifyTotp", () => {
  const now = 1234567890 * 1000;
  const step = totpStep(now);

  it("accepts the current code and returns its step", () => {
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, now), now)).toBe(step);
    expect(verifyTotp(RFC_SECRET, "005 924", now)).toBe(step);
  });

  it(`accepts ${TOTP.window} step either side for clock drift, and no further`, () => {
    const at = (steps: number) => totpCode(RFC_SECRET, now + steps * TOTP.stepSeconds * 1000);
    expect(verifyTotp(RFC_SECRET, at(-1), now)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, at(1), now)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, at(-2), now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, at(2), now)).toBeNull();
  });

  it("refuses a code of a step already used, or of an earlier one (replay)", () => {
    const code = totpCode(RFC_SECRET, now);
    expect(verifyTotp(RFC_SECRET, code, now, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, now - 30_000), now, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, code, now, step - 1)).toBe(step);
  });

  it("refuses a wrong code, and anything that is not six digits", () => {
    const right = totpCode(RFC_SECRET, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    for (const code of [wrong, "", "12345", "1234567", "abcdef", "89005924"]) expect(verifyTotp(RFC_SECRET, code, now), code).toBeNull();
  });

  it("refuses another secret's code", () => {
    const other = generateSecret();
    expect(verifyTotp(other, totpCode(RFC_SECRET, now), now)).toBeNull();
  });
});

describe("generateSecret", () => {
  it("is 20 random bytes in base32 (32 characters), different every time", () => {
    const a = generateSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(generateSecret()).not.toBe(a);
  });

  it("is shown in groups of four", () => {
    expect(formatSecret("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")).toBe("ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567");
  });
});

describe("otpauthUri", () => {
  it("names the centre as issuer and the e-mail as account, with the secret and the standard parameters", () => {
    const uri = otpauthUri({ issuer: totpIssuer("Śląski OWES"), account: "anna@example.test", secret: RFC_SECRET });
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe("/OWES – Śląski OWES:anna@example.test");
    expect(url.searchParams.get("secret")).toBe(RFC_SECRET);
    expect(url.searchParams.get("issuer")).toBe("OWES – Śląski OWES");
    expect(url.searchParams.get("digits")).toBe("6");
    expect(url.searchParams.get("period")).toBe("30");
    expect(uri).not.toContain("+");
  });
});
