import { describe, expect, it } from "vitest";
import {
  ZChangeOwnPasswordInput,
  ZCreateUserInput,
  ZFindUsersInput,
  ZPassword,
  ZUpdateUserInput,
} from "@/lib/domain/users/schemas";
import { ZNewPasswordForm } from "@/lib/domain/accounts/schemas";

const PARTNER_ID = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const validUser = { name: "Anna Nowak", email: "anna@example.test", role: "KEY_ADVISOR" };

/** The first message per field path, as the service's parseInput reports it. */
function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.join(".")] ??= issue.message;
  return out;
}

describe("ZCreateUserInput", () => {
  it("normalises the e-mail to lower case without surrounding spaces, and trims the name", () => {
    const parsed = ZCreateUserInput.parse({ ...validUser, name: "  Anna Nowak ", email: "  Anna.NOWAK@Example.Test " });
    expect(parsed.email).toBe("anna.nowak@example.test");
    expect(parsed.name).toBe("Anna Nowak");
  });

  it("turns an empty partner or office choice into null, and keeps a chosen one", () => {
    expect(ZCreateUserInput.parse({ ...validUser, partnerId: "", officeId: undefined })).toMatchObject({ partnerId: null, officeId: null });
    expect(ZCreateUserInput.parse({ ...validUser, partnerId: PARTNER_ID }).partnerId).toBe(PARTNER_ID);
  });

  it("names the field of each problem with a translation key", () => {
    expect(
      errorsOf(ZCreateUserInput.safeParse({ name: "  ", email: "not-an-email", role: "ROOT", partnerId: "42" })),
    ).toEqual({ name: "required", email: "invalidEmail", role: "required", partnerId: "invalid" });
  });

  it("refuses an e-mail longer than 320 characters", () => {
    expect(errorsOf(ZCreateUserInput.safeParse({ ...validUser, email: `${"a".repeat(64)}@${"b".repeat(250)}.example.test` }))).toEqual({
      email: "tooLong",
    });
  });

  it("does not take a password, creating or updating a user (the user chooses it through the invitation)", () => {
    expect(ZCreateUserInput.parse({ ...validUser, password: "chosen-by-the-admin" })).not.toHaveProperty("password");
    expect(ZUpdateUserInput.parse({ ...validUser, password: "chosen-by-the-admin" })).not.toHaveProperty("password");
  });
});

describe("ZPassword", () => {
  it("requires at least 12 characters", () => {
    expect(ZPassword.safeParse("a".repeat(11)).success).toBe(false);
    expect(ZPassword.safeParse("a".repeat(12)).success).toBe(true);
    expect(errorsOf(ZNewPasswordForm.safeParse({ password: "a".repeat(11), confirmPassword: "a".repeat(11) }))).toEqual({ password: "passwordTooShort" });
  });

  it("refuses more than 200 characters (argon2 input is bounded)", () => {
    expect(ZPassword.safeParse("a".repeat(200)).success).toBe(true);
    expect(ZPassword.safeParse("a".repeat(201)).success).toBe(false);
  });
});

describe("ZChangeOwnPasswordInput", () => {
  const valid = { currentPassword: "old", newPassword: "new-password-123", confirmPassword: "new-password-123" };

  it("accepts a confirmed new password", () => {
    expect(ZChangeOwnPasswordInput.safeParse(valid).success).toBe(true);
  });

  it("reports a confirmation that differs on confirmPassword", () => {
    expect(errorsOf(ZChangeOwnPasswordInput.safeParse({ ...valid, confirmPassword: "new-password-124" }))).toEqual({
      confirmPassword: "passwordsDiffer",
    });
  });

  it("requires the current password and a long enough new one", () => {
    expect(errorsOf(ZChangeOwnPasswordInput.safeParse({ currentPassword: "", newPassword: "short", confirmPassword: "short" }))).toEqual({
      currentPassword: "required",
      newPassword: "passwordTooShort",
    });
  });
});

describe("ZFindUsersInput", () => {
  it("defaults to the first page of active users and coerces query-string numbers", () => {
    expect(ZFindUsersInput.parse({})).toEqual({ page: 1, pageSize: 25, active: "active" });
    expect(ZFindUsersInput.parse({ page: "3", pageSize: "10" })).toMatchObject({ page: 3, pageSize: 10 });
  });

  it("refuses a page size above 100", () => {
    expect(ZFindUsersInput.safeParse({ pageSize: 101 }).success).toBe(false);
  });
});
