import { redactForAudit } from "@/lib/domain/audit/redact";
import { currentRequestId } from "@/lib/system/request-context.mjs";

type TLevel = "info" | "warn" | "error";

/**
 * One JSON line per event on stderr/stdout; fields pass through the same redaction as the audit
 * trail. A line written while a request is handled carries its id (scripts/server.mjs assigns it).
 */
function log(level: TLevel, message: string, fields: Record<string, unknown> = {}) {
  const requestId = currentRequestId();
  const line = JSON.stringify({ level, time: new Date().toISOString(), ...(requestId ? { requestId } : {}), message, ...(redactForAudit(fields) as object) });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export const logger = {
  info: (message: string, fields?: Record<string, unknown>) => log("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => log("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => log("error", message, fields),
};
