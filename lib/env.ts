import { z } from "zod";

/**
 * The process environment, validated once. Nothing else in the code base reads `process.env`
 * (Next.js inlines NODE_ENV itself).
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Owner role: migrations and seed. */
  DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/owes"),
  /** The app's own role, subject to row-level security. Defaults to DATABASE_URL. */
  APP_DATABASE_URL: z.url().optional(),
  /** Connections in the app's pool. The embedded database serves exactly one. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * The name the app's connections carry in pg_stat_activity (`application_name`), e.g. one per
   * instance (`owes-app-3001`), to tell instances apart there. PostgreSQL keeps 63 bytes of it.
   * Unset: libpq's PGAPPNAME, else none.
   */
  DATABASE_APPLICATION_NAME: z.string().min(1).max(63).optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  /**
   * Reverse proxies in front of the app's server (scripts/server.mjs) that append the client address to X-Forwarded-For.
   * Entries left of theirs were written by the client and are ignored (lib/auth/client-ip.ts).
   */
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Where e-mail goes, e.g. smtp://user:pass@mail.example.org:587 (smtps:// for implicit TLS).
   * Unset: nothing is e-mailed (notifications stay in the app; invitation and reset mail cannot go).
   */
  SMTP_URL: z.url().optional(),
  /** The sender of every e-mail. */
  MAIL_FROM: z.string().min(3).default("OWES <no-reply@localhost>"),
  /** The address users open the app at: links in e-mails start with it. */
  APP_URL: z.url().default("http://localhost:3000"),
  /**
   * Run the background worker inside the app's server process (`npm run dev`, `npm run demo`).
   * In production it runs beside the app as `npm run worker`. Default: on in development only.
   */
  JOBS_IN_PROCESS: z.enum(["true", "false", "1", "0"]).optional(),
  /**
   * The bearer token Prometheus sends to /api/metrics (`openssl rand -hex 32`). Unset: metrics are
   * off and the endpoint answers 404.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
});

function parseEnv() {
  // An empty value (`SMTP_URL=` in a .env file) means unset.
  const parsed = ZEnv.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const value = parsed.data;
  if (value.NODE_ENV === "production" && !value.AUTH_SECRET && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("Invalid environment: AUTH_SECRET is required in production");
  }
  const { JOBS_IN_PROCESS, ...rest } = value;
  const jobsInProcess = JOBS_IN_PROCESS === undefined ? value.NODE_ENV === "development" : JOBS_IN_PROCESS === "true" || JOBS_IN_PROCESS === "1";
  return { ...rest, APP_DATABASE_URL: value.APP_DATABASE_URL ?? value.DATABASE_URL, APP_URL: value.APP_URL.replace(/\/+$/, ""), JOBS_IN_PROCESS: jobsInProcess };
}

export const env = parseEnv();
export type TEnv = typeof env;
