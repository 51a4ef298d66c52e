import type { Readable, Writable } from 'node:stream';
import { createConnection, createProtocolConnection, type WatchDog } from 'vscode-languageserver';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server.js';
import type { ServerOptions, Session } from './session.js';

export interface RunningServer {
  session: Session;
  /** The LSP exit code: 0 after `shutdown` then `exit`, 1 when the client left without `shutdown`. */
  exited: Promise<number>;
}

/**
 * The server on any pair of streams (stdio, or in-memory streams in tests). Unlike
 * `vscode-languageserver/node`'s own `createConnection`, it never calls `process.exit`: `exit` and a
 * closed input resolve `exited`, and the caller decides.
 */
export function serveOn(input: Readable, output: Writable, options: ServerOptions = {}): RunningServer {
  let done: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    done = resolve;
  });
  let parentWatch: NodeJS.Timeout | undefined;
  const watchDog: WatchDog = {
    shutdownReceived: false,
    initialize: (params) => {
      // A client that dies without a word must not leave the server (and its index threads) behind.
      const pid = params.processId;
      if (typeof pid !== 'number' || pid === process.pid) return;
      parentWatch = setInterval(() => {
        try {
          process.kill(pid, 0);
        } catch {
          done(watchDog.shutdownReceived ? 0 : 1);
        }
      }, 3000);
      parentWatch.unref();
    },
    exit: (code) => done(code),
  };
  const connection = createConnection(
    (logger) =>
      createProtocolConnection(new StreamMessageReader(input), new StreamMessageWriter(output), logger),
    watchDog,
  );
  const session = startServer(connection, options);
  input.once('end', () => done(watchDog.shutdownReceived ? 0 : 1));
  input.once('close', () => done(watchDog.shutdownReceived ? 0 : 1));
  void exited.then(() => {
    if (parentWatch) clearInterval(parentWatch);
    session.dispose();
    connection.dispose();
  });
  return { session, exited };
}

/** How long the process may take to wind down after `exit` before it is ended anyway. */
const EXIT_GRACE_MS = 2000;

/**
 * `kms-codemod lsp`: the server on stdin/stdout. Nothing else may write to stdout, so console output
 * goes to stderr. After `exit` (or a closed stdin) stdin is let go, so the process ends with the code
 * the caller sets; a handle that would keep it alive anyway gets `EXIT_GRACE_MS`.
 */
export async function serveStdio(options: ServerOptions = {}): Promise<number> {
  const toStderr = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  const code = await serveOn(process.stdin, process.stdout, options).exited;
  process.stdin.destroy();
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  return code;
}
