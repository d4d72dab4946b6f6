import pino from "pino";
import { redactForAudit } from "@/lib/domain/audit/redact";
import { currentRequestId } from "@/lib/system/request-context.mjs";

type TLevel = "info" | "warn" | "error";

/**
 * Where pino's finished lines go: through the console, by level (errors to stderr, the rest to
 * stdout). The console, not a file descriptor, so that a test sees what the app logs (the test
 * setup fails a test on an unexpected console.error) and so that the order of lines is the
 * process's own.
 */
const consoleDestination = {
  write(line: string) {
    const text = line.endsWith("\n") ? line.slice(0, -1) : line;
    if (text.startsWith('{"level":"error"') || text.startsWith('{"level":"fatal"')) console.error(text);
    else if (text.startsWith('{"level":"warn"')) console.warn(text);
    else console.log(text);
  },
};

/**
 * One JSON line per event (pino): level as a word, ISO time, the process id and host (which of
 * several instances wrote it), the id of the request being handled (scripts/server.mjs assigns it,
 * lib/system/request-context.mjs carries it), the message, and the fields — passed through the same
 * redaction as the audit trail first.
 */
const base = pino(
  {
    messageKey: "message",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  },
  consoleDestination,
);

function log(level: TLevel, message: string, fields: Record<string, unknown> = {}) {
  base[level](redactForAudit(fields) as object, message);
}

export const logger = {
  info: (message: string, fields?: Record<string, unknown>) => log("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => log("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => log("error", message, fields),
};
