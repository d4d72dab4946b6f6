import { describe, expect, it } from "vitest";
import { ACCOUNT_LINK_VALIDITY_MINUTES, adminLinkPurpose, isLinkUsable, linkExpiresAt, shouldMailLink } from "@/lib/domain/accounts/policy";
import { ZAccountLink, ZForgotPasswordForm, ZNewPasswordForm } from "@/lib/domain/accounts/schemas";

const NOW = new Date("2026-12-03T10:00:00.000Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe("how long a link lasts", () => {
  it("an invitation 72 hours, a reset 30 minutes (issue 15)", () => {
    expect(ACCOUNT_LINK_VALIDITY_MINUTES).toEqual({ INVITE: 72 * 60, RESET: 30 });
    expect(linkExpiresAt("INVITE", NOW)).toEqual(minutes(72 * 60));
    expect(linkExpiresAt("RESET", NOW)).toEqual(minutes(30));
  });

  it("works until its expiry, not at it, and never once used", () => {
    expect(isLinkUsable({ usedAt: null, expiresAt: minutes(1) }, NOW)).toBe(true);
    expect(isLinkUsable({ usedAt: null, expiresAt: NOW }, NOW)).toBe(false);
    expect(isLinkUsable({ usedAt: null, expiresAt: minutes(-1) }, NOW)).toBe(false);
    expect(isLinkUsable({ usedAt: minutes(-5), expiresAt: minutes(25) }, NOW)).toBe(false);
  });
});

describe("which link the admin sends", () => {
  it("the invitation while no password was chosen, a reset link after, nothing to an inactive user", () => {
    expect(adminLinkPurpose({ active: true, passwordSetAt: null })).toBe("INVITE");
    expect(adminLinkPurpose({ active: true, passwordSetAt: NOW })).toBe("RESET");
    expect(adminLinkPurpose({ active: false, passwordSetAt: null })).toBeNull();
    expect(adminLinkPurpose({ active: false, passwordSetAt: NOW })).toBeNull();
  });
});

describe("whether a queued link still goes", () => {
  it("an invitation only while the password is not chosen; a reset always; neither to an inactive user", () => {
    expect(shouldMailLink("INVITE", { active: true, passwordSetAt: null })).toBe(true);
    expect(shouldMailLink("INVITE", { active: true, passwordSetAt: NOW })).toBe(false);
    expect(shouldMailLink("RESET", { active: true, passwordSetAt: NOW })).toBe(true);
    expect(shouldMailLink("RESET", { active: true, passwordSetAt: null })).toBe(true);
    expect(shouldMailLink("RESET", { active: false, passwordSetAt: NOW })).toBe(false);
    expect(shouldMailLink("INVITE", { active: false, passwordSetAt: null })).toBe(false);
  });
});

describe("the forms' schemas", () => {
  it("forgot password: the tenant and e-mail as the sign-in reads them, field messages as keys", () => {
    expect(ZForgotPasswordForm.parse({ tenantSlug: " SOWES ", email: " Anna@Example.PL " })).toEqual({ tenantSlug: "sowes", email: "anna@example.pl" });
    const result = ZForgotPasswordForm.safeParse({ tenantSlug: "", email: "anna@" });
    expect(result.success).toBe(false);
    expect(Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]))).toEqual({ tenantSlug: "required", email: "invalidEmail" });
  });

  it("a new password: the app's rules, typed twice", () => {
    expect(ZNewPasswordForm.safeParse({ password: "twelve-chars", confirmPassword: "twelve-chars" }).success).toBe(true);
    const short = ZNewPasswordForm.safeParse({ password: "eleven-char", confirmPassword: "eleven-char" });
    expect(short.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["password", "passwordTooShort"]]);
    const differ = ZNewPasswordForm.safeParse({ password: "twelve-chars", confirmPassword: "twelve-chars!" });
    expect(differ.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["confirmPassword", "passwordsDiffer"]]);
  });

  it("a link's token is 43 base64url characters (32 bytes); anything else is no link of ours", () => {
    const token = Buffer.alloc(32, 7).toString("base64url");
    expect(token).toHaveLength(43);
    expect(ZAccountLink.safeParse({ tenantSlug: "sowes", token }).success).toBe(true);
    for (const bad of ["", token.slice(1), `${token}A`, `${token.slice(0, 42)}=`, `${token.slice(0, 42)}/`, `${token.slice(0, 30)}' OR 1=1`]) {
      expect(ZAccountLink.safeParse({ tenantSlug: "sowes", token: bad }).success, bad).toBe(false);
    }
  });
});
