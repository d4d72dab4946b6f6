import { readdir } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db/client";

export type THealth = {
  ok: boolean;
  database: "up" | "down";
  /** Migrations present in prisma/migrations but not applied; null when the database is down. */
  pendingMigrations: string[] | null;
};

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

async function listMigrationFolders(): Promise<string[]> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** Reports whether the database answers and whether every migration shipped with the app is applied. */
export async function checkHealth(): Promise<THealth> {
  let applied: string[];
  try {
    const rows = await prisma.$queryRaw<{ name: string }[]>`SELECT app_applied_migrations() AS name`;
    applied = rows.map((r) => r.name);
  } catch {
    // Unreachable, or not migrated at all (the function comes with the migrations).
    const reachable = await prisma.$queryRaw`SELECT 1`.then(() => true, () => false);
    if (!reachable) return { ok: false, database: "down", pendingMigrations: null };
    applied = [];
  }
  const pendingMigrations = (await listMigrationFolders()).filter((name) => !applied.includes(name));
  return { ok: pendingMigrations.length === 0, database: "up", pendingMigrations };
}
