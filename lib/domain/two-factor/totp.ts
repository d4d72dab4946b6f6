import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 6 digits, 30-second
 * steps — what every authenticator app computes from an `otpauth://totp/…` URI with no options.
 *
 * Deliberately pure (no "server-only", no database): the end-to-end tests import `totpCode` to
 * compute the code an authenticator app would show.
 */

export const TOTP = {
  stepSeconds: 30,
  digits: 6,
  /** Steps accepted either side of the current one: the phone's and the server's clocks drift. */
  window: 1,
  secretBytes: 20,
} as const;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding (how authenticator apps take a secret). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces, hyphens and padding; throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index === -1) throw new Error("Invalid base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes (the RFC's SHA-1 key length), base32. */
export function generateSecret(): string {
  return base32Encode(randomBytes(TOTP.secretBytes));
}

/** The secret as a person types it from the screen: groups of four. */
export function formatSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The time step of an instant (milliseconds since the epoch). */
export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP.stepSeconds);
}

/** HOTP (RFC 4226 §5.3): dynamic truncation of HMAC-SHA-1 over the 8-byte big-endian counter. */
export function hotp(key: Uint8Array, counter: number, digits: number = TOTP.digits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The code an authenticator app shows at `atMs` for the secret. */
export function totpCode(secretBase32: string, atMs: number = Date.now(), digits: number = TOTP.digits): string {
  return hotp(base32Decode(secretBase32), totpStep(atMs), digits);
}

/**
 * The time step `code` belongs to, within the window around `atMs`, or null. Only steps after
 * `afterStep` count: a code once accepted is never accepted again (the caller stores the step).
 */
export function verifyTotp(secretBase32: string, code: string, atMs: number, afterStep: number | null = null): number | null {
  const given = code.replace(/\s/g, "");
  if (!new RegExp(`^\\d{${TOTP.digits}}$`).test(given)) return null;
  const key = base32Decode(secretBase32);
  const current = totpStep(atMs);
  let matched: number | null = null;
  // Every step in the window is computed, whichever matches: the time taken does not depend on it.
  for (let step = current - TOTP.window; step <= current + TOTP.window; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(given));
    if (same && (afterStep === null || step > afterStep) && matched === null) matched = step;
  }
  return matched;
}

/**
 * The `otpauth://` URI an authenticator app reads from the QR code (Google's Key Uri Format): the
 * issuer names the centre, the account is the user's e-mail.
 */
export function otpauthUri({ issuer, account, secret }: { issuer: string; account: string; secret: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({ secret, issuer, algorithm: "SHA1", digits: String(TOTP.digits), period: String(TOTP.stepSeconds) });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, "%20")}`;
}

/** The issuer shown in the authenticator app: the product and the centre. */
export function totpIssuer(tenantName: string): string {
  return `OWES – ${tenantName}`;
}
