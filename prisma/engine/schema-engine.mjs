#!/usr/bin/env node
/**
 * A stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI downloads from a host
 * that our machines cannot reach. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here; this
 * script speaks the binary's command-line and JSON-RPC protocol and delegates the work to the
 * official WebAssembly build of the same engine (see ./wasm-engine.mjs), which reaches PostgreSQL
 * through @prisma/adapter-pg (see ./database.mjs).
 *
 * How the CLI runs the binary (from node_modules/prisma/build/cli.js):
 *
 *   schema-engine --version
 *       Prints a version line (shown by `prisma --version` only).
 *
 *   schema-engine --datasource '{"url":…}' cli can-connect-to-database | create-database
 *       One-shot commands. Exit code 0 means success. On failure the CLI skips the first stderr
 *       line and reads every other one as a JSON log line; it looks for the one with
 *       level "ERROR" and target "schema_engine::logger" and uses its fields.error_code and
 *       fields.message (P1003 "database does not exist" makes `migrate dev` create the database).
 *
 *   schema-engine --datamodels <file>… --datasource '{"url":…,"shadowDatabaseUrl"?:…}'
 *                 [--enabled-preview-features …] [--extension-types …]
 *       Long-running JSON-RPC 2.0 server, one JSON object per line on stdin and stdout. Errors are
 *       `{"code":4466,"data":{is_panic, message, error_code?, meta?}}`. To print something (the
 *       `migrate diff` output, "Applying migration …"), the engine sends the CLI a *request*
 *       `{"method":"print","params":{"content":…}}`, which the CLI answers with `{}`. stderr
 *       carries JSON log lines `{level, fields: {message}, target}`. The CLI stops the engine by
 *       closing stdin (and, on Linux, sends SIGTERM right after).
 *
 * The flags --enabled-preview-features and --extension-types are accepted and ignored: the wasm
 * engine has no way to receive them.
 */
import readline from "node:readline";
import { parseArgs } from "node:util";
import { EngineError, EngineSession, engineVersion } from "./wasm-engine.mjs";
import { checkConnection, createDatabase } from "./database.mjs";

/** JSON-RPC error code under which the native engine reports all of its errors. */
const ENGINE_ERROR_CODE = 4466;

/**
 * Writes a log line on stderr in the engine's format. stderr is part of the protocol (every line
 * after the first must be JSON), so nothing else may be written there.
 * @param {"INFO" | "WARN" | "ERROR"} level
 * @param {Record<string, unknown>} fields  Must include `message`.
 * @param {string} [target]
 */
function log(level, fields, target = "schema_engine_wasm_shim") {
  process.stderr.write(`${JSON.stringify({ level, fields, target })}\n`);
}

// Node prints its own warnings (deprecations, pg's sslmode notice, …) as plain text on stderr,
// which would break the CLI's parsing of the one-shot commands' output. Log them as JSON instead.
process.emitWarning = (warning) => log("WARN", { message: String(warning?.message ?? warning) });

async function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    strict: false,
    allowPositionals: true,
    options: {
      version: { type: "boolean", short: "V" },
      datamodels: { type: "string", multiple: true },
      datasource: { type: "string" },
      "enabled-preview-features": { type: "string" },
      "extension-types": { type: "string" },
    },
  });

  if (values.version) {
    process.stdout.write(`${engineVersion()}\n`);
    return;
  }

  const datasource = values.datasource ? JSON.parse(String(values.datasource)) : undefined;

  if (positionals[0] === "cli") {
    process.exitCode = await runCliCommand(positionals[1], datasource?.url);
    return;
  }

  serveJsonRpc(
    new EngineSession({
      datamodelPaths: /** @type {string[]} */ (values.datamodels ?? []),
      datasource,
      print: sendPrintRequest,
      log: (line) => process.stderr.write(`${line}\n`),
    }),
  );
}

/**
 * Runs a one-shot command (`schema-engine cli <command>`).
 * @param {string | undefined} command
 * @param {string | undefined} url
 * @returns {Promise<number>} the exit code
 */
async function runCliCommand(command, url) {
  log("INFO", { message: `Starting schema engine (WebAssembly) command: ${command}` }); // skipped by the CLI
  try {
    if (!url) throw Object.assign(new Error("No database URL given in --datasource."), { code: "P1012" });
    switch (command) {
      case "can-connect-to-database":
        await checkConnection(url);
        break;
      case "create-database":
        await createDatabase(url);
        break;
      default:
        throw new Error(`Unknown command \`cli ${command}\`.`);
    }
    return 0;
  } catch (error) {
    const fields = { is_panic: false, message: String(error?.message ?? error) };
    if (typeof error?.code === "string") fields.error_code = error.code;
    log("ERROR", fields, "schema_engine::logger");
    return 1;
  }
}

/** Ids of the requests this process sends to the CLI (`print`); the CLI's own ids are numbers. */
let printRequestCount = 0;

/**
 * Asks the CLI to print `content` on its stdout (the CLI adds a newline). The CLI's `{}` answer
 * needs no handling.
 * @param {string} content
 */
function sendPrintRequest(content) {
  printRequestCount += 1;
  writeMessage({ jsonrpc: "2.0", id: `print-${printRequestCount}`, method: "print", params: { content } });
}

/**
 * @param {object} message
 * @returns {Promise<void>} resolved once the message has been handed to the operating system
 */
function writeMessage(message) {
  return new Promise((resolve) => process.stdout.write(`${JSON.stringify(message)}\n`, () => resolve()));
}

/**
 * Answers JSON-RPC requests from stdin, one at a time and in order (the engine is not re-entrant),
 * until the CLI closes stdin.
 * @param {EngineSession} session
 */
function serveJsonRpc(session) {
  let queue = Promise.resolve();
  const enqueue = (task) => (queue = queue.then(task));
  /** @type {{ id?: number | string | null, method: string } | undefined} the request being answered */
  let current;

  const shutdown = async (exitCode) => {
    await session.close().catch((error) => log("WARN", { message: `Cleanup failed: ${error.message}` }));
    process.exit(exitCode);
  };

  readline
    .createInterface({ input: process.stdin, crlfDelay: Infinity })
    .on("line", (line) => {
      if (!line.trim()) return;
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        writeMessage({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
        return;
      }
      // Lines without a method are the CLI's answers to our print requests.
      if (typeof message?.method !== "string") return;
      enqueue(async () => {
        current = message;
        await answer(session, message);
        current = undefined;
        // After a Rust panic the wasm instance is unusable: exit like a panicking native engine.
        if (session.poisoned) await shutdown(101);
      });
    })
    .on("close", () => enqueue(() => shutdown(0)));

  // A Rust panic inside an asynchronous engine method is thrown from a wasm callback, outside any
  // promise: the request in progress would never be answered. Answer it, then exit.
  process.on("uncaughtException", async (error) => {
    const { data } = session.toEngineError(error, current?.method ?? "");
    log("ERROR", { is_panic: data.is_panic, message: data.message }, "schema_engine::logger");
    if (current?.id !== undefined) await writeMessage(errorResponse(current.id, data));
    await shutdown(data.is_panic ? 101 : 1);
  });

  // Signals do not wait for the request in progress, like the default behaviour of a native binary.
  process.on("SIGTERM", () => shutdown(0));
  process.on("SIGINT", () => shutdown(130));
}

/**
 * Runs one request and writes its response.
 * @param {EngineSession} session
 * @param {{ id?: number | string | null, method: string, params?: any }} request
 */
async function answer(session, { id, method, params }) {
  let response;
  try {
    response = { jsonrpc: "2.0", id, result: await session.call(method, params) };
  } catch (error) {
    const data =
      error instanceof EngineError ? error.data : { is_panic: false, message: String(error?.message ?? error), meta: {} };
    response = errorResponse(id, data);
  }
  if (id !== undefined) await writeMessage(response); // notifications get no answer
}

/**
 * @param {number | string | null | undefined} id
 * @param {import("./wasm-engine.mjs").EngineErrorData} data
 */
function errorResponse(id, data) {
  // The CLI shows `message` for panics and `data.message` otherwise.
  const message = data.is_panic ? data.message : "An error happened. Check the data field for details.";
  return { jsonrpc: "2.0", id, error: { code: ENGINE_ERROR_CODE, message, data } };
}

main().catch((error) => {
  log("ERROR", { is_panic: false, message: String(error?.stack ?? error) }, "schema_engine::logger");
  process.exit(1);
});
