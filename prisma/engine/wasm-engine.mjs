/**
 * The official WebAssembly build of Prisma's schema engine (@prisma/schema-engine-wasm), driven the
 * way the native `schema-engine` binary would behave. See ./schema-engine.mjs for the protocol side.
 *
 * The wasm engine exposes almost the same methods as the native binary's JSON-RPC API, but differs in
 * a few places that this module smooths over:
 * - it has no `createDatabase` (done with `pg`) and no `getDatabaseDescription` (reported as unsupported);
 * - `getDatabaseVersion` is called `version`;
 * - `diff` returns its output instead of asking the CLI to print it;
 * - it never prints "Applying migration `…`" (the native engine does, during `migrate deploy`);
 * - its errors are JavaScript exceptions, which are turned into the native error payload here.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import * as runtime from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PostgresAdapterFactory, createDatabase } from "./database.mjs";

/**
 * The Rust panic hook reports the panic message through this global before the wasm code traps.
 * Without it, the hook itself throws ("Cannot read properties of undefined") and the real message is
 * lost; `migrate dev` can then even exit 0 after a failure. It must exist before any engine call.
 */
let lastPanicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message) {
    lastPanicMessage = message;
  },
};

let instantiated = false;

/**
 * Instantiates the WebAssembly module once. The package's entry point does `import * as wasm from
 * "./schema_engine_bg.wasm"`, which Node 20 cannot load, so its glue code is wired up by hand here.
 */
function loadRuntime() {
  if (!instantiated) {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmModule = new WebAssembly.Module(fs.readFileSync(gluePath.replace(/\.js$/, ".wasm")));
    const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": runtime });
    runtime.__wbg_set_wasm(instance.exports);
    /** @type {any} */ (instance.exports).__wbindgen_start();
    instantiated = true;
  }
  return runtime;
}

/** The version string printed by `schema-engine --version` (and shown by `prisma --version`). */
export function engineVersion() {
  return `schema-engine-wasm ${loadRuntime().version()}`;
}

/** Methods with the same name and parameters in the wasm engine and the native JSON-RPC API. */
const DELEGATED_METHODS = new Set([
  "applyMigrations",
  "createMigration",
  "dbExecute",
  "debugPanic",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "ensureConnectionValidity",
  "evaluateDataLoss",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
]);

/**
 * The error payload of the native engine (`error.data` of a JSON-RPC error with code 4466).
 * @typedef {object} EngineErrorData
 * @property {boolean} is_panic
 * @property {string} message
 * @property {string} [error_code]  Prisma error code of a user-facing error, e.g. "P3018".
 * @property {Record<string, unknown>} [meta]
 * @property {string} [backtrace]
 */

/** An error whose payload is already in the native engine's format. */
export class EngineError extends Error {
  /** @param {EngineErrorData} data */
  constructor(data) {
    super(data.message);
    this.data = data;
  }
}

/**
 * One engine for the whole process, like the native binary. This matters beyond speed:
 * `evaluateDataLoss` and `createMigration` rely on a cache that only `diagnoseMigrationHistory`
 * (and sometimes `devDiagnostic`) fill, in the same engine instance.
 */
export class EngineSession {
  /** @type {string[]} */ #datamodelPaths;
  /** @type {{ url: string, shadowDatabaseUrl?: string } | undefined} */ #datasource;
  /** @type {(content: string) => void} */ #print;
  /** @type {(line: string) => void} */ #log;

  /** @type {Promise<any> | undefined} */ #engine;
  /** @type {PostgresAdapterFactory | undefined} */ #database;
  /** @type {any} the factory as bound for the engine; owns the registry of JavaScript errors */ #boundFactory;
  /** @type {string | undefined} the migration being applied, from the engine's logs */ #currentMigration;
  /** @type {string | undefined} the migrations list (as JSON) known to be in the engine's cache */ #cachedMigrationsList;
  /** Set after a Rust panic: the wasm instance must not be used again. */
  poisoned = false;

  /**
   * @param {object} options
   * @param {string[]} options.datamodelPaths  Prisma schema files (`--datamodels`).
   * @param {{ url: string, shadowDatabaseUrl?: string }} [options.datasource]  `--datasource`.
   * @param {(content: string) => void} options.print  Asks the CLI to print to its stdout.
   * @param {(line: string) => void} options.log  Writes a JSON log line for the CLI (stderr).
   */
  constructor({ datamodelPaths, datasource, print, log }) {
    this.#datamodelPaths = datamodelPaths;
    this.#datasource = datasource;
    this.#print = print;
    this.#log = log;
  }

  /**
   * Runs one JSON-RPC method.
   * @param {string} method
   * @param {any} params
   * @returns {Promise<unknown>} the JSON-RPC result
   * @throws {EngineError}
   */
  async call(method, params = {}) {
    this.#database?.takeScriptFailure(); // forget failures of earlier requests
    this.#currentMigration = undefined;
    try {
      return (await this.#dispatch(method, params)) ?? {};
    } catch (error) {
      throw this.toEngineError(error, method);
    }
  }

  /** Releases database connections and drops leftover temporary shadow databases. */
  async close() {
    await this.#database?.close();
  }

  /**
   * @param {string} method
   * @param {any} params
   */
  async #dispatch(method, params) {
    switch (method) {
      case "getDatabaseVersion":
        return (await this.#getEngine()).version();

      case "createDatabase":
        return { databaseName: await createDatabase(this.#urlOf(params.datasource)) };

      case "diff": {
        const { exitCode, stdout } = await (await this.#getEngine()).diff(params);
        // The native engine has the CLI print the diff (the CLI appends a newline itself).
        if (stdout) this.#print(stdout.replace(/\n$/, ""));
        return { exitCode, stdout: null };
      }

      case "evaluateDataLoss":
      case "createMigration":
        await this.#fillMigrationSchemaCache(params);
        break;
    }

    if (!DELEGATED_METHODS.has(method)) {
      throw new EngineError({
        is_panic: false,
        message:
          `The schema engine method \`${method}\` is not available: this project runs Prisma's ` +
          "WebAssembly schema engine (prisma/engine/schema-engine.mjs), which does not implement it. " +
          "Set PRISMA_SCHEMA_ENGINE_BINARY to a native schema-engine binary to use it.",
        meta: {},
      });
    }

    const engine = await this.#getEngine();
    // Called as a method: the wasm bindings need `this`.
    return engine[method](params);
  }

  /**
   * `evaluateDataLoss` and `createMigration` need the schema that the migrations produce, but in
   * the wasm engine they cannot compute it themselves ("PostgreSQL shadow DB must be provided
   * through an external factory"): they only read it from a cache, keyed by the migrations list,
   * that `diagnoseMigrationHistory` fills when it replays the migrations on a shadow database.
   * `devDiagnostic` does not always fill it (not when migrations are still unapplied, for instance),
   * so diagnose first, unless this process already did for the same migrations (`migrate dev`
   * calls `evaluateDataLoss`, then `createMigration`, with the same list).
   * @param {{ migrationsList: unknown, filters: unknown }} params
   */
  async #fillMigrationSchemaCache({ migrationsList, filters }) {
    const key = JSON.stringify(migrationsList);
    if (key === this.#cachedMigrationsList) return;
    await (await this.#getEngine()).diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
    this.#cachedMigrationsList = key;
  }

  /** Creates the engine on first use, so that a process that gets no request opens no connection. */
  #getEngine() {
    this.#engine ??= this.#createEngine();
    return this.#engine;
  }

  async #createEngine() {
    const { SchemaEngine } = loadRuntime();
    this.#database = new PostgresAdapterFactory({ ...this.#datasource, url: this.#urlOf() });
    this.#boundFactory = bindMigrationAwareSqlAdapterFactory(this.#database);
    const datamodels =
      this.#datamodelPaths.length > 0
        ? this.#datamodelPaths.map((path) => /** @type {[string, string]} */ ([path, fs.readFileSync(path, "utf8")]))
        : undefined; // the engine wants a non-empty list or nothing
    return SchemaEngine.new({ datamodels }, (output) => this.#onEngineLog(output), this.#boundFactory);
  }

  /**
   * The URL of a `DatasourceParam` given in the request, else of `--datasource`.
   * @param {{ tag: string, url?: string } | undefined} [datasource]
   */
  #urlOf(datasource) {
    const url = (datasource?.tag === "ConnectionString" && datasource.url) || this.#datasource?.url;
    if (!url) {
      throw new EngineError({
        is_panic: false,
        message: "No database URL: set `datasource.url` in prisma.config.ts (e.g. from DATABASE_URL).",
        meta: {},
      });
    }
    return url;
  }

  /**
   * Forwards the engine's JSON log lines to the CLI, and prints "Applying migration `…`" like the
   * native engine when a migration starts.
   * @param {string} output  One or more JSON lines.
   */
  #onEngineLog(output) {
    for (const line of String(output).split("\n")) {
      if (!line.trim()) continue;
      this.#log(line);
      const applying = /^Applying `(.+)`$/.exec(parseJson(line)?.fields?.message ?? "");
      if (applying) {
        this.#currentMigration = applying[1];
        this.#print(`Applying migration \`${applying[1]}\`\n`);
      }
    }
  }

  /**
   * Describes a failure in the native engine's terms. Also used for exceptions that escape `call`:
   * a Rust panic inside an asynchronous engine method surfaces as an uncaught exception.
   * @param {any} error
   * @param {string} method  The JSON-RPC method that failed.
   * @returns {EngineError}
   */
  toEngineError(error, method) {
    if (error instanceof EngineError) return error;

    if (error instanceof WebAssembly.RuntimeError) {
      this.poisoned = true;
      const message = lastPanicMessage ?? error.message;
      return new EngineError({ is_panic: true, message, backtrace: error.stack, meta: {} });
    }

    const failure = this.#database?.takeScriptFailure();
    if (method === "applyMigrations" && failure && this.#currentMigration) {
      return migrationFailedToApply(this.#currentMigration, failure);
    }

    const message = this.#resolveJavaScriptErrors(String(error?.message ?? error));
    if (typeof error?.code === "string") {
      return new EngineError({ is_panic: false, message, error_code: error.code, meta: error.meta ?? {} });
    }
    return new EngineError({ is_panic: false, message, meta: {} });
  }

  /**
   * When the adapter throws something other than a `DriverAdapterError`, the binder files it in a
   * registry and the engine only reports "External error id#N". Put the original message back.
   * @param {string} message
   */
  #resolveJavaScriptErrors(message) {
    return message.replace(/External error id#(\d+)/g, (text, id) => {
      const original = this.#boundFactory?.errorRegistry.consumeError(Number(id))?.error;
      return original ? String(original.message ?? original) : text;
    });
  }
}

/**
 * The native engine's P3018 error, with PostgreSQL's own message and code.
 * @param {string} migrationName
 * @param {import("./database.mjs").ScriptFailure} failure
 * @returns {EngineError}
 */
function migrationFailedToApply(migrationName, { script, error }) {
  const databaseError = [
    `${error.severity ?? "ERROR"}: ${error.message}`,
    error.detail && `DETAIL: ${error.detail}`,
    error.hint && `HINT: ${error.hint}`,
    describePosition(script, Number(error.position)),
  ]
    .filter(Boolean)
    .join("\n");
  const message =
    "A migration failed to apply. New migrations cannot be applied before the error is recovered from. " +
    "Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n" +
    `Migration name: ${migrationName}\n\n` +
    `Database error code: ${error.code}\n\n` +
    `Database error:\n${databaseError}\n`;
  return new EngineError({
    is_panic: false,
    message,
    error_code: "P3018",
    meta: { migration_name: migrationName, database_error_code: error.code, database_error: databaseError },
  });
}

/**
 * Shows the script lines up to the one PostgreSQL points at (its `position` counts characters from 1).
 * @param {string} script
 * @param {number} position
 */
function describePosition(script, position) {
  if (!Number.isInteger(position) || position < 1) return undefined;
  const lines = script.split("\n");
  const failing = script.slice(0, position - 1).split("\n").length; // 1-based line number
  const shown = lines.slice(Math.max(0, failing - 3), failing).map((text, index, all) => {
    const number = failing - all.length + 1 + index;
    return `${number === failing ? "->" : "  "} ${String(number).padStart(4)} ${text}`;
  });
  return `\nPosition:\n${shown.join("\n")}`;
}

/** @param {string} text */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
