import { beforeEach, describe, expect, it } from "vitest";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { forwardedFor } from "@/scripts/forwarded-for.mjs";
import { ACCOUNT_THROTTLE } from "@/lib/domain/sessions/policy";
import { signInWithPassword, type TSignInInput } from "@/lib/domain/sessions/sign-in";
import { accountThrottleKey, THROTTLE } from "@/lib/domain/sessions/throttle";
import { auditRows, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";

/**
 * The sign-in lock could be bypassed: the address came from the leftmost X-Forwarded-For entry,
 * which the client writes. Now the address is the one a trusted hop wrote, and every account also
 * has a limit that no address affects: after ACCOUNT_THROTTLE.failuresBeforeDelay failures in a row
 * each attempt waits, the wait doubling per failure up to a cap. Time is moved by rewriting the
 * table's timestamps, never by waiting.
 */

const WRONG = "not-the-password";
const LIMIT = ACCOUNT_THROTTLE.failuresBeforeDelay;

let tenant: TTenantRow;
let user: TUserRow;
let addresses: number;

beforeEach(async () => {
  tenant = await createTenant();
  user = await createUser(tenant, { email: "anna@example.test" });
  addresses = 0;
});

/** Another address from the documentation range each call: no per-IP lock ever trips. */
function newAddress(): string {
  addresses += 1;
  return `198.51.100.${addresses}`;
}

function attempt(overrides: Partial<TSignInInput> = {}) {
  return signInWithPassword({ tenantSlug: tenant.slug, email: user.email, password: user.password ?? "", ip: newAddress(), ...overrides });
}

async function failFromNewAddresses(times: number, email = user.email) {
  for (let i = 0; i < times; i++) expect(await attempt({ password: WRONG, email })).toBeNull();
}

async function failureReasons(): Promise<string[]> {
  return (await auditRows(tenant.id)).filter((r) => r.action === "auth.sign_in_failed").map((r) => String(r.after?.reason));
}

const signedIn = async () => (await auditRows(tenant.id)).some((r) => r.action === "auth.sign_in");

type TAccountRow = { failures: number; waiting: boolean; waitSeconds: number };
async function accountRow(email = user.email): Promise<TAccountRow | undefined> {
  const [row] = await ownerQuery<TAccountRow>(
    `SELECT failures, coalesce(locked_until > now(), false) AS waiting,
            extract(epoch FROM locked_until - now())::float8 AS "waitSeconds"
     FROM sign_in_throttle WHERE key = $1`,
    [accountThrottleKey(tenant.slug, email)],
  );
  return row;
}

/** Moves the clock past the account's wait. */
async function passTheWait() {
  await ownerQuery(`UPDATE sign_in_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`, [
    accountThrottleKey(tenant.slug, user.email),
  ]);
}

describe("the address the per-IP lock counts", () => {
  it("keeps a locked account locked when the attempt carries a forged X-Forwarded-For", async () => {
    // What Next.js writes for a direct connection from 127.0.0.1 that sent no header.
    const direct = clientIpFromHeaders(new Headers({ "x-forwarded-for": "127.0.0.1" }), 0);
    for (let i = 0; i < THROTTLE.maxFailures; i++) expect(await attempt({ password: WRONG, ip: direct })).toBeNull();

    const forged = clientIpFromHeaders(new Headers({ "x-forwarded-for": "198.51.100.7, 127.0.0.1", "x-real-ip": "198.51.100.7" }), 0);

    expect(forged).toBe("127.0.0.1");
    expect(await attempt({ ip: forged })).toBeNull();
    expect((await failureReasons()).at(-1)).toBe("locked");
    expect(await signedIn()).toBe(false);
  });

  it("behind a trusted proxy, goes by the address the proxy appended, not by what the client wrote", async () => {
    // The header as scripts/server.mjs hands it to Next: the proxy (10.0.0.2) is the socket.
    const viaProxy = (incoming: string) => clientIpFromHeaders(new Headers({ "x-forwarded-for": forwardedFor(incoming, "10.0.0.2", 1) }), 1);
    for (let i = 0; i < THROTTLE.maxFailures; i++) {
      expect(await attempt({ password: WRONG, ip: viaProxy(`198.51.100.${i + 1}, 203.0.113.7`) })).toBeNull();
    }

    expect(await attempt({ ip: viaProxy("198.51.100.99, 203.0.113.7") })).toBeNull();
    expect((await failureReasons()).at(-1)).toBe("locked");
    // The lock is this address's only: the account itself is still well under its own limit.
    expect(await attempt({ ip: viaProxy("203.0.113.8") })).not.toBeNull();
  });
});

describe("the per-account wait", () => {
  it(`starts after ${LIMIT} wrong passwords from ${LIMIT} addresses: even the right password is then refused`, async () => {
    await failFromNewAddresses(LIMIT + 1);

    expect(await attempt()).toBeNull();

    expect(await failureReasons()).toEqual([...Array<string>(LIMIT).fill("wrong_password"), "account_delayed", "account_delayed"]);
    expect(await signedIn()).toBe(false);
    expect(await accountRow()).toMatchObject({ failures: LIMIT, waiting: true });
    // No address came near its own limit: this is the account's limit alone.
    const perAddress = await ownerQuery<{ failures: number }>(`SELECT failures FROM sign_in_throttle WHERE key NOT LIKE 'account:%'`);
    expect(perAddress.map((r) => r.failures)).toEqual(Array<number>(LIMIT).fill(1));
  });

  it("lets the right password in once the wait has passed, and the success clears the count", async () => {
    await failFromNewAddresses(LIMIT);
    expect(await attempt()).toBeNull();

    await passTheWait();

    expect(await attempt()).not.toBeNull();
    expect(await accountRow()).toBeUndefined();
    await failFromNewAddresses(LIMIT - 1);
    expect(await attempt()).not.toBeNull();
  });

  it("doubles the wait with every further failure up to 15 minutes; a refused attempt neither counts nor extends it", async () => {
    await failFromNewAddresses(LIMIT);
    const waits: number[] = [];
    for (let step = 0; step < 6; step++) {
      const before = await accountRow();
      if (!before) throw new Error("no account row");
      waits.push(before.waitSeconds);

      expect(await attempt({ password: WRONG })).toBeNull();
      const after = await accountRow();
      expect(after?.failures).toBe(before.failures);
      expect(after?.waitSeconds).toBeLessThanOrEqual(before.waitSeconds);

      await passTheWait();
      expect(await attempt({ password: WRONG })).toBeNull();
    }

    // Each wait was read moments after it began: within 30 s below its full length.
    const expected = [60, 120, 240, 480, 900, 900];
    waits.forEach((wait, i) => {
      expect(wait).toBeLessThanOrEqual(expected[i] ?? 0);
      expect(wait).toBeGreaterThan((expected[i] ?? 0) - 30);
    });
    expect(await accountRow()).toMatchObject({ failures: LIMIT + 6, waiting: true });
    expect((await failureReasons()).filter((r) => r === "account_delayed")).toHaveLength(6);
  });

  it("never waits while successes come before the limit", async () => {
    await failFromNewAddresses(LIMIT - 1);
    expect(await attempt()).not.toBeNull();
    expect(await accountRow()).toBeUndefined();

    await failFromNewAddresses(LIMIT - 1);
    expect(await attempt()).not.toBeNull();
    expect(await failureReasons()).not.toContain("account_delayed");
  });

  it("lets concurrent attempts from many addresses through only as far as the count allows", async () => {
    await failFromNewAddresses(LIMIT - 1);

    const results = await Promise.all(Array.from({ length: 8 }, () => attempt({ password: WRONG })));

    expect(results.every((r) => r === null)).toBe(true);
    const reasons = await failureReasons();
    expect(reasons.filter((r) => r === "wrong_password")).toHaveLength(LIMIT);
    expect(reasons.filter((r) => r === "account_delayed")).toHaveLength(7);
    expect(await accountRow()).toMatchObject({ failures: LIMIT, waiting: true });
  });

  it(`starts a fresh count after ${ACCOUNT_THROTTLE.resetAfterHours} hours without an attempt`, async () => {
    await failFromNewAddresses(LIMIT);
    await ownerQuery(`UPDATE sign_in_throttle SET locked_until = now() - make_interval(hours => $1::int + 1) WHERE key = $2`, [
      ACCOUNT_THROTTLE.resetAfterHours,
      accountThrottleKey(tenant.slug, user.email),
    ]);

    await failFromNewAddresses(1);

    expect(await accountRow()).toMatchObject({ failures: 1, waiting: false });
  });

  it("makes an unknown e-mail wait exactly like a known one, and leaves the real account alone", async () => {
    const ghost = "ghost@example.test";
    await failFromNewAddresses(LIMIT + 1, ghost);

    expect(await failureReasons()).toEqual([...Array<string>(LIMIT).fill("unknown_account"), "account_delayed"]);
    expect(await accountRow(ghost)).toMatchObject({ failures: LIMIT, waiting: true });
    expect(await attempt()).not.toBeNull();
  });
});
