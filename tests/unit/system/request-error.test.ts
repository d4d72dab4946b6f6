import { describe, expect, it, vi } from "vitest";
import { logRequestError } from "@/lib/system/request-error";

/** The JSON lines written to stderr while `work` runs (the console spy replaces the test setup's). */
function errorLines(work: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: unknown) => {
    lines.push(String(line));
  });
  work();
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

const CONTEXT = { routerKind: "App Router", routePath: "/clients/[id]", routeType: "render", revalidateReason: undefined } as const;

describe("a server error in the log", () => {
  it("pairs the digest the error page shows with the request's id, in one JSON line without the query string", () => {
    const error = Object.assign(new Error("relation does not exist"), { digest: "2481930518" });
    const lines = errorLines(() =>
      logRequestError(error, { path: "/clients/abc?q=Kowalski", method: "GET", headers: { "x-request-id": "7f1c2a9e-0000-4000-8000-000000000001" } }, CONTEXT),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      message: "request failed",
      requestId: "7f1c2a9e-0000-4000-8000-000000000001",
      digest: "2481930518",
      method: "GET",
      path: "/clients/abc",
      route: "/clients/[id]",
      routeType: "render",
      error: "Error: relation does not exist",
    });
    expect(typeof lines[0]?.time).toBe("string");
    expect(JSON.stringify(lines[0])).not.toContain("Kowalski");
  });

  it("logs what it has when the error has no digest and the request no id", () => {
    const lines = errorLines(() => logRequestError("a string was thrown", { path: "/api/x", method: "POST", headers: {} }, { ...CONTEXT, routeType: "route" }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", error: "a string was thrown", path: "/api/x", routeType: "route" });
    expect(lines[0]).not.toHaveProperty("digest");
    expect(lines[0]).not.toHaveProperty("requestId");
  });
});
