#!/usr/bin/env node
/**
 * A local SMTP server that keeps the mail it gets and shows it on a page: the e-mail end of the
 * browser tests (playwright.config.ts starts it) and a developer's tool.
 *
 *   node scripts/mail-catcher.mjs [--smtp-port 1025] [--http-port 1080]
 *
 * Point the app at it with SMTP_URL=smtp://127.0.0.1:<smtp-port>; read the mail at
 * http://127.0.0.1:<http-port>/ (or /messages.json). Loopback only; messages live in memory.
 */
import { parseArgs } from "node:util";
import { startMailCatcher } from "./lib/mail-catcher.mjs";

const { values } = parseArgs({
  options: { "smtp-port": { type: "string", default: "1025" }, "http-port": { type: "string", default: "1080" } },
});
const catcher = await startMailCatcher({
  port: Number(values["smtp-port"]),
  httpPort: Number(values["http-port"]),
  log: (line) => console.log(`[mail] ${line}`),
});
console.log(`[mail] SMTP on ${catcher.url}; caught mail at http://127.0.0.1:${catcher.httpPort}/`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => void catcher.close().then(() => process.exit(0)));
}
