/**
 * The request id of the request being handled, for every log line written while handling it.
 *
 * Plain JavaScript because two module systems share it: scripts/server.mjs (bare Node) starts each
 * request inside {@link runWithRequestId}, and lib/logger.ts (bundled by Next.js, where this file
 * may be evaluated once per chunk) reads it. The AsyncLocalStorage therefore lives on globalThis
 * under a registered symbol: every copy of this module finds the one the server created.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** The header that carries the id into Next.js (lib/auth reads it for the audit trail) and back to the client. */
export const REQUEST_ID_HEADER = "x-request-id";

const STORAGE = Symbol.for("owes.requestContext");

/** @returns {AsyncLocalStorage<{ requestId: string }>} */
function storage() {
  return (globalThis[STORAGE] ??= new AsyncLocalStorage());
}

/**
 * Gives a request a fresh id, in place of any the client sent: the id ends up in the audit trail
 * and in logs, so a client must not be able to choose it (or reuse another request's). Sets it on
 * the request's headers, where Next.js code reads it, and on the response, for support.
 * @param {{ headers: Record<string, string | string[] | undefined> }} req
 * @param {{ setHeader(name: string, value: string): unknown }} res
 * @returns {string} the id
 */
export function assignRequestId(req, res) {
  const requestId = randomUUID();
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}

/**
 * Runs `fn` (the handling of one request) with `requestId` as the current request id, for
 * everything it starts, however asynchronous.
 * @template T
 * @param {string} requestId
 * @param {() => T} fn
 * @returns {T}
 */
export function runWithRequestId(requestId, fn) {
  return storage().run({ requestId }, fn);
}

/**
 * The id of the request whose handling is running, or undefined outside one (the worker, start-up,
 * `next dev`, which does not go through scripts/server.mjs).
 * @returns {string | undefined}
 */
export function currentRequestId() {
  return storage().getStore()?.requestId;
}
