import { describe, expect, it } from "vitest";
import { maskPesel, redactForAudit } from "@/lib/domain/audit/redact";
import { ZNewPasswordForm } from "@/lib/domain/accounts/schemas";
import { ZChangeOwnPasswordInput } from "@/lib/domain/users/schemas";

describe("maskPesel", () => {
  it("keeps only the last four digits of a PESEL", () => {
    expect(maskPesel("44051401359")).toBe("*******1359");
  });

  it.each(["", "1", "1234"])("hides a value of four characters or fewer entirely (%j)", (value) => {
    expect(maskPesel(value)).toBe("****");
  });
});

describe("redactForAudit", () => {
  it("drops secrets and masks PESEL numbers at any depth, keeping everything else", () => {
    const input = {
      name: "Jan Kowalski",
      password: "plain-password-1",
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$abc",
      client: { pesel: "44051401359", token: "t0k3n", notes: ["a", { secret: "s", pesel: "02270803628" }] },
      active: false,
      count: 0,
      partnerId: null,
    };

    expect(redactForAudit(input)).toEqual({
      name: "Jan Kowalski",
      client: { pesel: "*******1359", notes: ["a", { pesel: "*******3628" }] },
      active: false,
      count: 0,
      partnerId: null,
    });
  });

  it("removes every password field of the input schemas of users and accounts", () => {
    const passwordFields = [ZNewPasswordForm, ZChangeOwnPasswordInput].flatMap((schema) =>
      Object.keys(schema.shape).filter((key) => /password/i.test(key)),
    );
    expect(passwordFields).toEqual(expect.arrayContaining(["password", "currentPassword", "newPassword", "confirmPassword"]));
    for (const field of passwordFields) {
      expect(redactForAudit({ [field]: "plain-password-1", kept: 1 }), field).toEqual({ kept: 1 });
    }
  });

  it("turns dates into ISO strings and leaves the input untouched", () => {
    const input = { at: new Date("2026-03-01T10:00:00.000Z"), nested: { password: "x" } };
    expect(redactForAudit(input)).toEqual({ at: "2026-03-01T10:00:00.000Z", nested: {} });
    expect(input.nested.password).toBe("x");
  });

  it.each([null, undefined, "text", 42, true])("passes the scalar %j through", (value) => {
    expect(redactForAudit(value)).toBe(value);
  });
});
