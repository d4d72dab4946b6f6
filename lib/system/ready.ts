import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db/client";

/**
 * `failed`: the check could not be run to its end (no answer in time, an error); `pending`: a
 * migration shipped with the app is not applied; `skipped`: not run because the database is down.
 */
export type TReadiness = {
  ok: boolean;
  checks: { database: "ok" | "failed"; migrations: "ok" | "pending" | "failed" | "skipped" };
};

/** A load balancer's probe waits a second or two; a check that hangs longer is as good as failed. */
const CHECK_TIMEOUT_MS = 2_000;

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

let shipped: Promise<string[]> | null = null;

/**
 * The migration folders shipped with the app (prisma/migrations, next to the build that
 * scripts/server.mjs serves), read once per process: they cannot change under a running build. A
 * failed read is not kept, so the next probe tries again.
 */
export function shippedMigrations(): Promise<string[]> {
  shipped ??= readdir(MIGRATIONS_DIR, { withFileTypes: true }).then(
    (entries) => entries.filter((e) => e.isDirectory()).map((e) => e.name).sort(),
    (error: unknown) => {
      shipped = null;
      throw error;
    },
  );
  return shipped;
}

function withinTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether this instance may take traffic: the database answers, and every migration the app ships
 * is applied (finished, not rolled back). Migrations applied but not shipped — a newer release
 * migrated first during a rolling deploy — do not count against it.
 *
 * Applied migrations are read through app_applied_migrations(), a SECURITY DEFINER function the
 * app role may execute (migration 20261123111900_isolation_and_audit): the app role itself has no
 * grant on Prisma's _prisma_migrations table, and needs none.
 *
 * @param expected the migrations that must be applied; by default those shipped with the app.
 */
export async function checkReadiness(expected?: readonly string[]): Promise<TReadiness> {
  try {
    await withinTimeout(prisma.$queryRaw`SELECT 1`);
  } catch {
    return { ok: false, checks: { database: "failed", migrations: "skipped" } };
  }
  try {
    const [wanted, rows] = await Promise.all([
      expected ?? shippedMigrations(),
      withinTimeout(prisma.$queryRaw<{ name: string }[]>`SELECT app_applied_migrations() AS name`),
    ]);
    const applied = new Set(rows.map((r) => r.name));
    const complete = wanted.every((name) => applied.has(name));
    return { ok: complete, checks: { database: "ok", migrations: complete ? "ok" : "pending" } };
  } catch {
    // No migrations directory, or the function is missing (a database never migrated) or refused.
    return { ok: false, checks: { database: "ok", migrations: "failed" } };
  }
}

/** The probe's answer: 200 when ready, else 503; never cached. */
export function readinessResponse(readiness: TReadiness): Response {
  return Response.json(readiness, { status: readiness.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
