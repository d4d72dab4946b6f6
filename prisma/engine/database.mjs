/**
 * PostgreSQL access for the schema-engine shim (see ./schema-engine.mjs).
 *
 * The WebAssembly schema engine cannot open sockets: it runs every statement through a
 * "migration-aware driver adapter". This module builds that adapter from `PrismaPg`
 * (@prisma/adapter-pg) and fixes the places where `PrismaPg` 7.10.1 falls short of what the
 * engine needs. It also performs the few operations the wasm engine does not implement
 * (checking that a database exists, creating one) directly with `pg`.
 */
import crypto from "node:crypto";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, DriverAdapterError } from "@prisma/driver-adapter-utils";

/** OID of PostgreSQL's internal one-byte `"char"` type (pg_constraint.contype, pg_class.relkind, …). */
const INTERNAL_CHAR_OID = 18;
/** OID of `text`, which adapter-pg knows how to report. */
const TEXT_OID = 25;

/**
 * @typedef {object} DatabaseTarget  A parsed Prisma connection URL.
 * @property {pg.ClientConfig} clientConfig  Connection settings for `pg`, one field per URL part.
 * @property {string | undefined} schema  The `?schema=` parameter, if any.
 * @property {string} database  The database name (PostgreSQL's default: the user name, else "postgres").
 * @property {string} location  `host:port`, for error messages.
 */

/**
 * Parses a Prisma PostgreSQL URL into `pg` settings.
 *
 * The URL is split into separate fields (host, port, database, …) instead of being handed to `pg` as
 * a `connectionString`, because `pg` lets the URL win over an explicit `database` field: the shadow
 * database and the maintenance database below could otherwise never be selected.
 *
 * @param {string} url
 * @returns {DatabaseTarget}
 */
export function parseDatabaseUrl(url) {
  const { schema, connection_limit: _limit, pool_timeout: _poolTimeout, ...clientConfig } =
    /** @type {Record<string, any>} */ (parseIntoClientConfig(url));
  if (schema) {
    // Prisma's `?schema=` is not a libpq parameter. The native engine sets the search path so that
    // unqualified names in migration scripts land in that schema; do the same at connection start.
    clientConfig.options = [clientConfig.options, `-c search_path=${pg.escapeIdentifier(schema)}`]
      .filter(Boolean)
      .join(" ");
  }
  const port = clientConfig.port ?? 5432;
  return {
    clientConfig,
    schema: schema || undefined,
    database: clientConfig.database || clientConfig.user || "postgres",
    location: `${clientConfig.host ?? "localhost"}:${port}`,
  };
}

/**
 * Columns of `"char"` type, per result-rows array, recorded by {@link CatalogFriendlyClient} and
 * consumed by {@link markInternalCharColumns}. Keyed weakly so nothing outlives its query.
 * @type {WeakMap<unknown[], number[]>}
 */
const internalCharColumns = new WeakMap();

/**
 * A `pg` client that lets adapter-pg read PostgreSQL's `"char"` columns.
 *
 * The engine reads catalog columns of type `"char"` (constraint kinds, relation kinds, …). adapter-pg
 * rejects that type outright ("Unsupported column type char"), which makes the engine panic while
 * describing CHECK constraints on PostgreSQL 15 and while describing any table on PostgreSQL 18 and
 * PGlite. This client relabels such columns as `text` before adapter-pg sees them (their values are
 * already plain strings) and records their positions, so that {@link markInternalCharColumns} can
 * report them to the engine as single characters, the Rust type it expects.
 */
class CatalogFriendlyClient extends pg.Client {
  /**
   * Same signatures as `pg.Client#query`.
   * @override
   * @param {any} config
   * @param {any} [values]
   * @param {any} [callback]
   * @returns {any}
   */
  query(config, values, callback) {
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    if (typeof callback === "function") {
      // pg-pool's `pool.query()` uses the callback form.
      return super.query(config, values, (error, result) =>
        callback(error, error ? result : relabelInternalCharColumns(result)),
      );
    }
    const pending = super.query(config, values);
    // A submittable (cursor, stream) is returned as is; queries return a promise.
    return typeof pending?.then === "function" ? pending.then(relabelInternalCharColumns) : pending;
  }
}

/**
 * @template {pg.QueryResult | pg.QueryResult[]} T
 * @param {T} result  One result, or one per statement for a multi-statement query.
 * @returns {T}
 */
function relabelInternalCharColumns(result) {
  for (const single of Array.isArray(result) ? result : [result]) {
    const positions = [];
    single?.fields?.forEach((field, index) => {
      if (field.dataTypeID === INTERNAL_CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        positions.push(index);
      }
    });
    if (positions.length > 0) internalCharColumns.set(single.rows, positions);
  }
  return result;
}

/**
 * Reports the `"char"` columns of an adapter-pg result as characters (see {@link CatalogFriendlyClient}).
 * adapter-pg returns the rows array of the underlying `pg` result, which is how the positions are found.
 *
 * @param {import("@prisma/driver-adapter-utils").SqlResultSet} resultSet
 */
function markInternalCharColumns(resultSet) {
  for (const index of internalCharColumns.get(resultSet.rows) ?? []) {
    resultSet.columnTypes[index] = ColumnTypeEnum.Character;
  }
  return resultSet;
}

/**
 * @typedef {object} ScriptFailure  The last SQL script that PostgreSQL rejected.
 * @property {string} script
 * @property {pg.DatabaseError} error
 */

/**
 * The driver-adapter factory handed to the wasm engine (after `bindMigrationAwareSqlAdapterFactory`).
 *
 * - Every pool holds at most ONE connection: PGlite's socket server serves a single connection, and
 *   one connection also keeps the engine's session-level advisory lock and its statements together.
 * - Shadow databases are created and dropped here rather than by `PrismaPg.connectToShadowDb`, which
 *   (in 7.10.1) drops the database while its own pool still holds a connection to it, so the drop
 *   fails. Without a configured `shadowDatabaseUrl`, a temporary `<db>_shadow_<random>` database is
 *   made on the main server (this needs the CREATEDB privilege, as with the native engine).
 * - Migration scripts (on the main and on shadow databases) run as one multi-statement query, like
 *   with the native engine (one implicit transaction unless the script has its own BEGIN/COMMIT),
 *   instead of adapter-pg's naive split on ";", which breaks `$$ … ; … $$` function bodies.
 */
export class PostgresAdapterFactory {
  /** @type {"postgres"} */ provider = "postgres";
  adapterName = "@prisma/adapter-pg";

  /** @type {DatabaseTarget} */ #main;
  /** @type {DatabaseTarget | undefined} */ #shadow;
  /** @type {pg.Pool} */ #mainPool;
  /** @type {Set<string>} temporary shadow databases not yet dropped */ #temporaryDatabases = new Set();
  /** @type {ScriptFailure | undefined} */ #lastScriptFailure;

  /**
   * @param {object} datasource  The `--datasource` argument of the engine.
   * @param {string} datasource.url
   * @param {string} [datasource.shadowDatabaseUrl]
   */
  constructor({ url, shadowDatabaseUrl }) {
    this.#main = parseDatabaseUrl(url);
    this.#shadow = shadowDatabaseUrl ? parseDatabaseUrl(shadowDatabaseUrl) : undefined;
    this.#mainPool = createPool(this.#main);
  }

  /** Connects to the main database. Called once, when the engine is created. */
  async connect() {
    return this.#prepareAdapter(await new PrismaPg(this.#mainPool, { schema: this.#main.schema }).connect());
  }

  /** Connects to a shadow database; the engine disposes of the adapter when it is done with it. */
  async connectToShadowDb() {
    return this.#shadow ? this.#connectToConfiguredShadowDb(this.#shadow) : this.#connectToTemporaryShadowDb();
  }

  /** @param {DatabaseTarget} target  The `shadowDatabaseUrl`. */
  async #connectToConfiguredShadowDb(target) {
    const pool = createPool(target);
    try {
      await emptyDatabase(pool, target.schema);
    } catch (error) {
      await pool.end();
      throw new Error(`Could not reset the shadow database (shadowDatabaseUrl): ${error.message}`, { cause: error });
    }
    const adapter = await new PrismaPg(pool, { schema: target.schema }).connect();
    return this.#prepareAdapter(adapter, () => pool.end());
  }

  async #connectToTemporaryShadowDb() {
    const name = this.#temporaryDatabaseName();
    try {
      await this.#mainPool.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } catch (error) {
      throw new Error(
        `Could not create the temporary shadow database "${name}": ${error.message}. ` +
          "Prisma Migrate needs a shadow database: grant the CREATEDB privilege or set shadowDatabaseUrl " +
          "in prisma.config.ts. See https://pris.ly/d/migrate-shadow",
        { cause: error },
      );
    }
    this.#temporaryDatabases.add(name);

    const target = { ...this.#main, clientConfig: { ...this.#main.clientConfig, database: name } };
    const pool = createPool(target);
    const dispose = async () => {
      await pool.end(); // first close our connection, or PostgreSQL refuses to drop the database
      await this.#dropTemporaryDatabase(name);
    };
    try {
      await pool.query("SELECT 1"); // fail here, with an explanation, rather than in the engine
    } catch (error) {
      await dispose().catch(() => {});
      throw new Error(
        `Could not connect to the temporary shadow database "${name}": ${error.message}. A server that ` +
          "accepts a single connection (PGlite) cannot also host the shadow database: set shadowDatabaseUrl " +
          "in prisma.config.ts to a second server. See https://pris.ly/d/migrate-shadow",
        { cause: error },
      );
    }
    const adapter = await new PrismaPg(pool, { schema: this.#main.schema }).connect();
    return this.#prepareAdapter(adapter, dispose);
  }

  /**
   * Returns (and forgets) the last SQL script that PostgreSQL rejected, so that the caller can report
   * the database's own error message and code.
   * @returns {ScriptFailure | undefined}
   */
  takeScriptFailure() {
    const failure = this.#lastScriptFailure;
    this.#lastScriptFailure = undefined;
    return failure;
  }

  /** Drops leftover temporary shadow databases and closes the main pool. */
  async close() {
    for (const name of this.#temporaryDatabases) {
      await this.#dropTemporaryDatabase(name).catch(() => {});
    }
    await this.#mainPool.end();
  }

  /**
   * Applies the fixes described on {@link CatalogFriendlyClient} and {@link PostgresAdapterFactory} to
   * an adapter (and to the transactions it starts).
   *
   * @param {any} adapter  A `PrismaPgAdapter`.
   * @param {() => Promise<void>} [dispose]  Replaces the adapter's own cleanup.
   */
  #prepareAdapter(adapter, dispose) {
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (query) => markInternalCharColumns(await queryRaw(query));

    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await startTransaction(isolationLevel);
      const transactionQueryRaw = transaction.queryRaw.bind(transaction);
      transaction.queryRaw = async (query) => markInternalCharColumns(await transactionQueryRaw(query));
      return transaction;
    };

    const pool = adapter.underlyingDriver();
    adapter.executeScript = async (script) => {
      try {
        await pool.query(script);
      } catch (error) {
        throw this.#scriptError(script, error);
      }
    };

    if (dispose) adapter.dispose = dispose;
    return adapter;
  }

  /**
   * Converts a failed script into an error for the engine, remembering the original.
   *
   * The SQLSTATE code is withheld from the engine on purpose: for well-known codes (42P01, 23505, …)
   * it replaces PostgreSQL's message with a terse one of its own ("No such table: x"), which would
   * then be all that `migrate deploy` prints and all that `_prisma_migrations.logs` keeps. The code is
   * reported by the caller instead (see {@link takeScriptFailure}).
   *
   * @param {string} script
   * @param {any} error
   */
  #scriptError(script, error) {
    if (!(error instanceof pg.DatabaseError)) return error; // connection problems and the like
    this.#lastScriptFailure = { script, error };
    return new DriverAdapterError({
      kind: "postgres",
      code: "N/A",
      severity: error.severity ?? "ERROR",
      message: error.message, // the engine appends the detail and the hint itself
      detail: error.detail,
      column: error.column,
      hint: error.hint,
    });
  }

  #temporaryDatabaseName() {
    const suffix = `_shadow_${crypto.randomBytes(4).toString("hex")}`;
    // PostgreSQL truncates identifiers to 63 bytes; keep the random suffix intact.
    return Buffer.from(this.#main.database).subarray(0, 63 - suffix.length).toString() + suffix;
  }

  /** @param {string} name */
  async #dropTemporaryDatabase(name) {
    const quoted = pg.escapeIdentifier(name);
    try {
      // FORCE (PostgreSQL 13+) ends sessions that linger for a moment after their pool has closed.
      await this.#mainPool.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    } catch (error) {
      if (error?.code !== "42601") throw error; // 42601: syntax error, i.e. PostgreSQL < 13
      await this.#mainPool.query(`DROP DATABASE IF EXISTS ${quoted}`);
    }
    this.#temporaryDatabases.delete(name);
  }
}

/**
 * Empties a configured shadow database, as the native engine does before replaying the migrations
 * on it (the wasm engine assumes the adapter hands it an empty database, and otherwise fails on the
 * tables left by the previous run). Drops every user schema, then recreates `public` and the
 * `?schema=` of the URL.
 *
 * @param {pg.Pool} pool
 * @param {string | undefined} schema
 */
async function emptyDatabase(pool, schema) {
  const { rows } = await pool.query(
    "SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'",
  );
  const statements = rows.map(({ nspname }) => `DROP SCHEMA ${pg.escapeIdentifier(nspname)} CASCADE;`);
  for (const name of new Set(["public", schema ?? "public"])) {
    statements.push(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(name)};`);
  }
  await pool.query(statements.join("\n"));
}

/** @param {DatabaseTarget} target */
function createPool(target) {
  const pool = new pg.Pool({ ...target.clientConfig, max: 1, Client: CatalogFriendlyClient });
  // An idle connection that the server closes must not crash the process; the next query reports it.
  pool.on("error", () => {});
  return pool;
}

/**
 * A failure with a Prisma error code, reported by the one-shot commands.
 */
export class DatabaseProblem extends Error {
  /**
   * @param {string} code  Prisma error code, e.g. "P1003".
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * Connects to the database of `url` and disconnects (`schema-engine cli can-connect-to-database`).
 * @param {string} url
 * @throws {DatabaseProblem}
 */
export async function checkConnection(url) {
  const target = parseDatabaseUrl(url);
  await withClient(target.clientConfig, target, async () => {});
}

/**
 * Creates the database of `url` (`schema-engine cli create-database`, RPC `createDatabase`). The
 * wasm engine has no such command. Connects to the server's "postgres" database to do it.
 *
 * @param {string} url
 * @returns {Promise<string>} the database name
 * @throws {DatabaseProblem}
 */
export async function createDatabase(url) {
  const target = parseDatabaseUrl(url);
  const maintenance = { ...target.clientConfig, database: "postgres", options: undefined };
  await withClient(maintenance, target, (client) =>
    client.query(`CREATE DATABASE ${pg.escapeIdentifier(target.database)}`),
  );
  return target.database;
}

/**
 * @param {pg.ClientConfig} clientConfig
 * @param {DatabaseTarget} target  What to name in error messages.
 * @param {(client: pg.Client) => Promise<unknown>} work
 */
async function withClient(clientConfig, target, work) {
  const client = new pg.Client({ connectionTimeoutMillis: 5000, ...clientConfig });
  client.on("error", () => {});
  try {
    await client.connect();
    await work(client);
  } catch (error) {
    throw describeConnectionError(error, target);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Translates a `pg` error into the Prisma error the native engine reports for the same situation,
 * so that the CLI reacts the same way (it creates the database on P1003, for instance).
 *
 * @param {any} error
 * @param {DatabaseTarget} target
 * @returns {DatabaseProblem}
 */
function describeConnectionError(error, { database, location, clientConfig }) {
  const user = clientConfig.user ?? "";
  switch (error?.code) {
    case "3D000":
      return new DatabaseProblem("P1003", `Database \`${database}\` does not exist on the database server at \`${location}\`.`);
    case "42P04":
      return new DatabaseProblem("P1009", `Database \`${database}\` already exists on the database server at \`${location}\``);
    case "28P01":
    case "28000":
      return new DatabaseProblem(
        "P1000",
        `Authentication failed against database server at \`${location}\`, the provided database credentials for \`${user}\` are not valid.\n\n` +
          `Please make sure to provide valid database credentials for the database server at \`${location}\`.`,
      );
    case "42501":
      return new DatabaseProblem("P1010", `User \`${user}\` was denied access on the database \`${database}\``);
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ECONNRESET":
      return new DatabaseProblem(
        "P1001",
        `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
      );
    default:
      if (/timeout/i.test(error?.message ?? "")) {
        return new DatabaseProblem(
          "P1002",
          `The database server at \`${location}\` was reached but timed out.\n\nPlease try again.\n\n` +
            `Please make sure your database server is running at \`${location}\`.`,
        );
      }
      return new DatabaseProblem("P1001", `${error?.message ?? error} (database server at \`${location}\`)`);
  }
}
