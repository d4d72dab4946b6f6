import { describe, expect, it } from "vitest";
import { ACCOUNT_THROTTLE, accountDelaySeconds } from "@/lib/domain/sessions/policy";

describe("accountDelaySeconds", () => {
  it("costs no wait before the limit", () => {
    for (let failures = 0; failures < ACCOUNT_THROTTLE.failuresBeforeDelay; failures++) expect(accountDelaySeconds(failures)).toBe(0);
  });

  it("waits 1, 2, 4, 8 minutes from the limit on, then stays at 15", () => {
    const from = ACCOUNT_THROTTLE.failuresBeforeDelay;
    expect([0, 1, 2, 3, 4, 5, 50, 10_000].map((extra) => accountDelaySeconds(from + extra))).toEqual([60, 120, 240, 480, 900, 900, 900, 900]);
  });
});
