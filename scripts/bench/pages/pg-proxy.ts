/**
 * A counting TCP proxy between the app's server and PostgreSQL, for the page benchmark's
 * "statements per request": it passes every byte through unchanged and reads the frontend
 * (client → server) messages after the startup packet, counting
 *
 * - statements: simple-protocol Query ('Q') and extended-protocol Execute ('E') messages — every
 *   statement the app runs, BEGIN, COMMIT and set_config included;
 * - transactions: BEGIN, sent as a simple Query or as the text of an extended-protocol Parse ('P').
 *
 * It runs in its own process (forked by {@link startPgProxy}), so the benchmark's load generator
 * does not delay the app's database round trips; the parent asks for the counters over IPC.
 */
import { fork, type ChildProcess } from "node:child_process";
import net from "node:net";

export type TPgCounts = { statements: number; transactions: number; connections: number };

const counts: TPgCounts = { statements: 0, transactions: 0, connections: 0 };
const BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;

/** Reads the frontend messages of one connection, chunk by chunk (a message may span chunks). */
function frontendParser() {
  let buffer: Buffer = Buffer.alloc(0);
  let started = false;
  return (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (!started) {
        // Untyped: SSLRequest / GSSENCRequest (answered by one byte, then the startup follows) or the startup message.
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        if (code !== 80_877_103 && code !== 80_877_104) started = true;
        buffer = buffer.subarray(length);
        continue;
      }
      if (buffer.length < 5) return;
      const type = String.fromCharCode(buffer[0] ?? 0);
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      if (type === "Q") {
        counts.statements++;
        if (BEGIN.test(buffer.toString("utf8", 5, Math.min(1 + length, 5 + 64)))) counts.transactions++;
      } else if (type === "E") {
        counts.statements++;
      } else if (type === "P") {
        // Parse: statement name (C string), then the query text.
        const nameEnd = buffer.indexOf(0, 5);
        if (nameEnd > 0 && BEGIN.test(buffer.toString("utf8", nameEnd + 1, Math.min(1 + length, nameEnd + 1 + 64)))) counts.transactions++;
      }
      buffer = buffer.subarray(1 + length);
    }
  };
}

function serve(listenPort: number, targetHost: string, targetPort: number) {
  const server = net.createServer((client) => {
    counts.connections++;
    const upstream = net.connect(targetPort, targetHost);
    const parse = frontendParser();
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on("data", (chunk: Buffer) => {
      parse(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  server.listen(listenPort, "127.0.0.1", () => process.send?.({ ready: true }));
  process.on("message", (message: { get?: boolean }) => {
    if (message.get) process.send?.({ counts });
  });
  process.on("disconnect", () => process.exit(0));
}

/** The proxy process as the parent sees it. */
export type TPgProxy = { port: number; counts: () => Promise<TPgCounts>; stop: () => void };

/** Forks the proxy on `listenPort` in front of PostgreSQL at `target` and waits until it listens. */
export async function startPgProxy(listenPort: number, target: { host: string; port: number }): Promise<TPgProxy> {
  const child: ChildProcess = fork(__filename, ["--pg-proxy", String(listenPort), target.host, String(target.port)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`The statement-counting proxy exited (${code})`)));
  });
  return {
    port: listenPort,
    counts: () =>
      new Promise((resolve) => {
        const onMessage = (message: { counts?: TPgCounts }) => {
          if (!message.counts) return;
          child.off("message", onMessage);
          resolve(message.counts);
        };
        child.on("message", onMessage);
        child.send({ get: true });
      }),
    stop: () => {
      child.disconnect();
      child.kill();
    },
  };
}

if (process.argv[2] === "--pg-proxy") {
  const [, , , listenPort, host, targetPort] = process.argv;
  serve(Number(listenPort), host ?? "127.0.0.1", Number(targetPort));
}
