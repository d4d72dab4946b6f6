/**
 * A real SMTP server on this machine that keeps what it receives: the e-mail end of the tests and
 * of the demo (never a mock transport). Built on the `smtp-server` package; messages are parsed with
 * `mailparser`, so tests read subjects, text and links as a mail client would show them.
 *
 *   const catcher = await startMailCatcher({ port: 0 });      // smtp://127.0.0.1:<catcher.port>
 *   … await catcher.waitFor((m) => m.to.includes("a@b.pl")); // resolves with the message
 *
 * `refuseFirst: n` answers the first n messages with a temporary failure (451), as a busy or
 * restarting server would. `httpPort` serves the caught mail as a page (and `/messages.json`) for
 * the demo and for browser tests that run in another process.
 */
import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * @typedef {{ id: number, from: string, to: string[], subject: string, text: string, html: string, receivedAt: string }} CaughtMail
 * @typedef {{ port?: number, host?: string, httpPort?: number, refuseFirst?: number, log?: (line: string) => void }} CatcherOptions
 */

const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** @param {CatcherOptions} [options] */
export async function startMailCatcher(options = {}) {
  const host = options.host ?? "127.0.0.1";
  /** @type {CaughtMail[]} */
  const messages = [];
  /** @type {Set<() => void>} */
  const listeners = new Set();
  let refusalsLeft = options.refuseFirst ?? 0;
  let refused = 0;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on("data", (chunk) => chunks.push(chunk));
      stream.on("end", async () => {
        if (refusalsLeft > 0) {
          refusalsLeft -= 1;
          refused += 1;
          const error = new Error("Try again later");
          // @ts-expect-error smtp-server reads the response code from the error
          error.responseCode = 451;
          callback(error);
          return;
        }
        try {
          const parsed = await simpleParser(Buffer.concat(chunks));
          messages.push({
            id: messages.length + 1,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            receivedAt: new Date().toISOString(),
          });
          options.log?.(`mail to ${session.envelope.rcptTo.map((r) => r.address).join(", ")}: ${parsed.subject ?? ""}`);
          for (const listener of listeners) listener();
          callback();
        } catch (error) {
          callback(/** @type {Error} */ (error));
        }
      });
    },
  });
  await new Promise((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.port ?? 0, host, () => resolve(undefined));
  });
  const address = smtp.server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  let viewer = null;
  let httpPort = null;
  if (options.httpPort !== undefined) {
    viewer = http.createServer((req, res) => {
      if (req.url === "/messages.json") {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
        res.end(JSON.stringify(messages));
        return;
      }
      const rows = [...messages].reverse().map((m) =>
        `<article><h2>${escapeHtml(m.subject)}</h2><p>${escapeHtml(m.receivedAt)} · do: ${escapeHtml(m.to.join(", "))}</p><pre>${escapeHtml(m.text)}</pre></article>`,
      );
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(`<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>Poczta demo (${messages.length})</title>` +
        `<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border-bottom:1px solid #ccc;padding:1rem 0}pre{white-space:pre-wrap}</style></head>` +
        `<body><h1>Poczta przechwycona przez demo</h1><p>Wiadomości wysłane przez aplikację (nie trafiają do nikogo). Odśwież, by zobaczyć nowe.</p>${rows.join("") || "<p>Brak wiadomości.</p>"}</body></html>`);
    });
    await new Promise((resolve, reject) => {
      viewer.once("error", reject);
      viewer.listen(options.httpPort, host, () => resolve(undefined));
    });
    const viewerAddress = viewer.address();
    httpPort = typeof viewerAddress === "object" && viewerAddress ? viewerAddress.port : null;
  }

  return {
    port,
    httpPort,
    url: `smtp://${host}:${port}`,
    messages,
    /** How many messages were answered with 451. */
    get refused() {
      return refused;
    },
    clear() {
      messages.length = 0;
    },
    /**
     * Resolves with the first message (already caught or yet to come) that matches; rejects after
     * `timeoutMs` — a bound for a broken run, not a wait for time.
     * @param {(m: CaughtMail) => boolean} match
     */
    waitFor(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`No matching e-mail within ${timeoutMs} ms (caught ${messages.length})`));
        }, timeoutMs);
        if (!check()) listeners.add(check);
      });
    },
    async close() {
      await new Promise((resolve) => smtp.close(() => resolve(undefined)));
      if (viewer) await new Promise((resolve) => viewer.close(() => resolve(undefined)));
    },
  };
}
