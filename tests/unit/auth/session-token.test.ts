import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  SESSION_ABSOLUTE_SECONDS,
  SESSION_CLAIMS_HEADER,
  SESSION_REFRESH_AFTER_SECONDS,
  SESSION_SECRET,
  needsRefresh,
  readSessionToken,
  signClaims,
  verifyClaims,
} from "@/lib/auth/session-token";
import { proxy } from "@/proxy";

const COOKIE = "authjs.session-token";
const CLAIMS = {
  userId: "0b6f2a52-9d7e-4c1a-8f3b-2e5d6c7a8b90",
  tenantId: "5e1d2c3b-4a59-4687-9abc-def012345678",
  sessionVersion: 3,
  sessionId: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
};

const now = () => Math.floor(Date.now() / 1000);

/** A cookie as Auth.js mints it at sign-in (lib/auth/auth.ts's jwt callback), issued `age` seconds ago. */
async function cookieIssued(age: number, { signedInAgo = age, secret = SESSION_SECRET, sid = CLAIMS.sessionId as string | null } = {}) {
  vi.useFakeTimers({ now: Date.now() - age * 1000, toFake: ["Date"] });
  try {
    const token = { uid: CLAIMS.userId, tid: CLAIMS.tenantId, sv: CLAIMS.sessionVersion, sid: sid ?? undefined, authTime: now() - (signedInAgo - age) };
    return await encode({ token, secret, salt: COOKIE, maxAge: 30 * 60 });
  } finally {
    vi.useRealTimers();
  }
}

function request(path: string, { cookie, headers = {} }: { cookie?: string; headers?: Record<string, string> } = {}) {
  const request = new NextRequest(new URL(path, "http://localhost:3000"), { headers });
  if (cookie) request.cookies.set(COOKIE, cookie);
  return request;
}

/** What the page would receive as the claims header (Next copies `x-middleware-request-*` onto the request). */
const forwardedClaims = (response: Response) => response.headers.get(`x-middleware-request-${SESSION_CLAIMS_HEADER}`);

afterEach(() => vi.useRealTimers());

describe("the session cookie", () => {
  it("reads the claims of a cookie minted at sign-in", async () => {
    const session = await readSessionToken(await cookieIssued(10), COOKIE);
    expect(session?.claims).toEqual(CLAIMS);
  });

  it("refuses a cookie sealed with another secret, under another name, or past the absolute lifetime", async () => {
    expect(await readSessionToken(await cookieIssued(10, { secret: "x".repeat(40) }), COOKIE)).toBeNull();
    expect(await readSessionToken(await cookieIssued(10), `__Secure-${COOKIE}`)).toBeNull();
    expect(await readSessionToken(await cookieIssued(10, { signedInAgo: SESSION_ABSOLUTE_SECONDS + 60 }), COOKIE)).toBeNull();
  });

  it("refuses a cookie that names no server-side session (minted before sessions had rows)", async () => {
    expect(await readSessionToken(await cookieIssued(10, { sid: null }), COOKIE)).toBeNull();
  });

  it("refuses a cookie idle for longer than its lifetime", async () => {
    expect(await readSessionToken(await cookieIssued(31 * 60), COOKIE)).toBeNull();
  });

  it("is re-issued only once it is older than the refresh age", async () => {
    const fresh = await readSessionToken(await cookieIssued(SESSION_REFRESH_AFTER_SECONDS - 30), COOKIE);
    const old = await readSessionToken(await cookieIssued(SESSION_REFRESH_AFTER_SECONDS + 30), COOKIE);
    expect(fresh && needsRefresh(fresh)).toBe(false);
    expect(old && needsRefresh(old)).toBe(true);
  });
});

describe("the signed claims header", () => {
  it("round-trips the claims", () => {
    expect(verifyClaims(signClaims(CLAIMS))).toEqual(CLAIMS);
  });

  it("is worthless when written by anyone else, altered, or replayed later", () => {
    const signed = signClaims(CLAIMS);
    const [payload, mac] = signed.split(".");
    const forged = Buffer.from(JSON.stringify({ ...CLAIMS, userId: "someone-else", at: now() })).toString("base64url");
    expect(verifyClaims(`${forged}.${mac}`)).toBeNull();
    expect(verifyClaims(`${payload}.${"A".repeat(mac?.length ?? 0)}`)).toBeNull();
    expect(verifyClaims(`${payload}`)).toBeNull();
    expect(verifyClaims(JSON.stringify(CLAIMS))).toBeNull();
    expect(verifyClaims(signClaims(CLAIMS, now() - 600))).toBeNull();
  });
});

describe("the proxy", () => {
  it("sends a visitor without a valid session from the signed-in area to the sign-in page", async () => {
    for (const cookie of [undefined, "garbage", await cookieIssued(31 * 60)]) {
      const response = await proxy(request("/clients", { cookie }));
      expect(response.status).toBe(307);
      expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/login");
    }
  });

  it("passes the claims to the page once, and drops a claims header the client wrote", async () => {
    const forged = signClaims(CLAIMS);
    const anonymous = await proxy(request("/login", { headers: { [SESSION_CLAIMS_HEADER]: forged } }));
    expect(anonymous.status).toBe(200);
    expect(forwardedClaims(anonymous)).toBeNull();
    expect(anonymous.headers.get("x-middleware-override-headers")?.split(",")).not.toContain(SESSION_CLAIMS_HEADER);

    const signedIn = await proxy(request("/clients", { cookie: await cookieIssued(10), headers: { [SESSION_CLAIMS_HEADER]: "forged" } }));
    expect(verifyClaims(forwardedClaims(signedIn))).toEqual(CLAIMS);
  });

  it("re-issues the rolling cookie only when it is older than a few minutes, and never for a prefetch", async () => {
    const fresh = await proxy(request("/clients", { cookie: await cookieIssued(60) }));
    expect(fresh.cookies.get(COOKIE)).toBeUndefined();

    const old = await proxy(request("/clients", { cookie: await cookieIssued(SESSION_REFRESH_AFTER_SECONDS + 60) }));
    const reissued = old.cookies.get(COOKIE);
    expect(reissued).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", maxAge: 30 * 60 });
    const session = await readSessionToken(reissued?.value ?? "", COOKIE);
    expect(session?.claims).toEqual(CLAIMS);
    expect(session && needsRefresh(session)).toBe(false);

    const prefetch = await proxy(request("/clients", { cookie: await cookieIssued(SESSION_REFRESH_AFTER_SECONDS + 60), headers: { "next-router-prefetch": "1" } }));
    expect(prefetch.cookies.get(COOKIE)).toBeUndefined();
  });

  it("keeps the sign-in time: a re-issued cookie still ends 8 hours after sign-in", async () => {
    // The sign-in time is taken from the clock when the cookie is made: the test may cross a second boundary.
    const before = now();
    const old = await proxy(request("/clients", { cookie: await cookieIssued(SESSION_REFRESH_AFTER_SECONDS + 60, { signedInAgo: SESSION_ABSOLUTE_SECONDS - 120 }) }));
    const after = now();
    const session = await readSessionToken(old.cookies.get(COOKIE)?.value ?? "", COOKIE);
    expect(session?.token.authTime).toBeGreaterThanOrEqual(before - SESSION_ABSOLUTE_SECONDS + 120);
    expect(session?.token.authTime).toBeLessThanOrEqual(after - SESSION_ABSOLUTE_SECONDS + 120);
  });
});
