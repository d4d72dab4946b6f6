import { describe, expect, it } from "vitest";
import { assertLocalDatabase } from "@/tests/setup/test-db";
import { BENCH_DATABASE_NAME, E2E_DATABASE_NAME, assertThrowawayDatabase, throwawayDatabase } from "@/scripts/lib/throwaway-db.mjs";

/** The guards in front of every DROP DATABASE the tests, the e2e runner and the benchmarks run. */

describe("the integration database guard", () => {
  it.each([
    "postgresql://postgres@127.0.0.1:5432/owes_test",
    "postgresql://postgres@localhost:5432/owes_infra_test",
    "postgres://postgres:secret@[::1]:5433/some_test",
  ])("accepts a local database named …_test: %s", (url) => {
    expect(assertLocalDatabase(url).toString()).toBe(new URL(url).toString());
  });

  it.each([
    ["the production name", "postgresql://postgres@127.0.0.1:5432/owes", /needs a name ending in "_test"/],
    ["_test not at the end", "postgresql://postgres@127.0.0.1:5432/owes_test_copy", /needs a name ending in "_test"/],
    ["a name merely containing test", "postgresql://postgres@127.0.0.1:5432/owestest", /needs a name ending in "_test"/],
    ["the e2e database", "postgresql://postgres@127.0.0.1:5432/owes_e2e", /needs a name ending in "_test"/],
    ["the server's default database", "postgresql://postgres@127.0.0.1:5432/", /needs a name ending in "_test"/],
    ["a remote host", "postgresql://postgres@db.example.pl:5432/owes_test", /non-local host "db\.example\.pl"/],
    ["a private address", "postgresql://postgres@10.0.0.5:5432/owes_test", /non-local host "10\.0\.0\.5"/],
    ["a host that only starts like localhost", "postgresql://postgres@localhost.example.pl/owes_test", /non-local host/],
    ["a non-PostgreSQL URL", "mysql://root@127.0.0.1/owes_test", /protocol "mysql:"/],
    ["garbage", "not a url", /does not parse/],
  ])("refuses %s", (_, url, message) => {
    expect(() => assertLocalDatabase(url)).toThrow(message);
  });

  it("decodes the name before judging it", () => {
    expect(() => assertLocalDatabase("postgresql://postgres@127.0.0.1/owes%5Ftest")).not.toThrow();
    expect(() => assertLocalDatabase("postgresql://postgres@127.0.0.1/owes_test%22%3B%20DROP")).toThrow(/ending in "_test"/);
    expect(() => assertLocalDatabase('postgresql://postgres@127.0.0.1/x%22_test')).toThrow(/Refusing database name/);
  });
});

describe("the e2e and benchmark guards", () => {
  it("accept their own names on this machine only", () => {
    expect(assertThrowawayDatabase("postgresql://postgres@127.0.0.1:5432/owes_e2e", E2E_DATABASE_NAME).name).toBe("owes_e2e");
    expect(assertThrowawayDatabase("postgresql://postgres@127.0.0.1:5432/owes_bench_services", BENCH_DATABASE_NAME).name).toBe("owes_bench_services");
    expect(() => assertThrowawayDatabase("postgresql://postgres@127.0.0.1:5432/owes", E2E_DATABASE_NAME)).toThrow(/ending in "_e2e"/);
    expect(() => assertThrowawayDatabase("postgresql://postgres@127.0.0.1:5432/owes", BENCH_DATABASE_NAME)).toThrow(/starting with "owes_bench"/);
    expect(() => assertThrowawayDatabase("postgresql://postgres@db.example.pl/owes_e2e", E2E_DATABASE_NAME)).toThrow(/non-local host/);
  });

  it("refuse before any connection is made", () => {
    // No server answers at this address: the refusal must come first, synchronously.
    expect(() => throwawayDatabase("postgresql://postgres@192.0.2.1:5432/owes_bench", BENCH_DATABASE_NAME)).toThrow(/non-local host/);
  });

  it("reach the same database as the app role", () => {
    const database = throwawayDatabase("postgresql://postgres:secret@127.0.0.1:5432/owes_e2e", E2E_DATABASE_NAME);
    expect(database.appUrl).toBe("postgresql://owes_app@127.0.0.1:5432/owes_e2e");
  });
});
