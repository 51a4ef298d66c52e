import {
  type Connection,
  type Diagnostic,
  MessageType,
  ShowMessageNotification,
} from 'vscode-languageserver';
import type { IndexProgress } from './workspace-index.js';

/** Runs `f`, unless the connection is gone: a closed client has nobody left to tell. */
function quietly(f: () => unknown): void {
  try {
    const r = f();
    if (r instanceof Promise) r.catch(() => undefined);
  } catch {
    // the connection closed under us (shutdown while a build or an analysis was running)
  }
}

/**
 * What the server sends on its own initiative (diagnostics, messages, logs, progress, refresh), never
 * thrown at a closed connection and silent once the server is shut down.
 */
export class ClientChannel {
  private closed = false;

  constructor(private readonly connection: Connection) {}

  close(): void {
    this.closed = true;
  }

  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    if (!this.closed) quietly(() => this.connection.sendDiagnostics({ uri, version, diagnostics }));
  }

  /** `window/showMessage`: a notification (the user is told, nothing is asked back). */
  showError(message: string): void {
    if (!this.closed)
      quietly(() =>
        this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }),
      );
  }

  /** `window/logMessage`: the editor's log of the server. */
  log(message: string, level: 'error' | 'warn' = 'error'): void {
    if (!this.closed) quietly(() => this.connection.console[level](message));
  }

  /** `workspace/diagnostic/refresh`: a pulling client pulls again. */
  refresh(): void {
    if (!this.closed) quietly(() => this.connection.languages.diagnostics.refresh());
  }

  /** A `$/progress` reporter (client-created token), or a silent one when the client has no progress UI. */
  async progress(title: string, supported: boolean): Promise<IndexProgress> {
    const silent: IndexProgress = { report: () => undefined, done: () => undefined };
    if (!supported || this.closed) return silent;
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      reporter.begin(title, 0, 'starting', false);
      return {
        report: (p, m) => quietly(() => reporter.report(p, m)),
        done: () => quietly(() => reporter.done()),
      };
    } catch {
      return silent;
    }
  }
}
