import type { Diagnostic } from 'vscode-languageserver';
import type { DocumentAnalysis } from './document-analysis.js';
import type { DocumentStore, OpenDocument } from './document-store.js';

export interface PushTarget {
  analyze(entry: OpenDocument): Promise<DocumentAnalysis>;
  keyOf(entry: OpenDocument): string;
  diagnostics(a: DocumentAnalysis): Diagnostic[];
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** Analysis errors are logged, never thrown into the connection. */
  log(message: string): void;
}

interface Slot {
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
  lastRun: number;
  /** The key of the last published result: a re-run that changes nothing publishes nothing. */
  published?: string;
}

/**
 * Push diagnostics (`textDocument/publishDiagnostics`), debounced per document and version-gated.
 * The first change after a quiet spell is analysed at once; changes that follow within `delayMs` of
 * it are coalesced into one run `delayMs` after the last of them (typing is never waited on: the
 * client sends changes without waiting for us). A result is published only if the buffer still has
 * the version it was computed for, so an older version's diagnostics never reach the editor.
 */
export class PushScheduler {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly store: DocumentStore,
    private readonly target: PushTarget,
    private readonly delayMs: number,
  ) {}

  schedule(uri: string): void {
    const slot = this.slots.get(uri) ?? { running: false, again: false, lastRun: Number.NEGATIVE_INFINITY };
    this.slots.set(uri, slot);
    if (slot.running) {
      slot.again = true;
      return;
    }
    const burst = slot.timer !== undefined || performance.now() - slot.lastRun < this.delayMs;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => void this.run(uri, slot), burst ? this.delayMs : 0);
  }

  /** Every open document again (config change, index build, an application changed). */
  scheduleAll(filter: (entry: OpenDocument) => boolean = () => true): void {
    for (const entry of this.store.all()) if (filter(entry)) this.schedule(entry.uri);
  }

  /** Shutdown: nothing more is run or published. */
  dispose(): void {
    for (const slot of this.slots.values()) if (slot.timer) clearTimeout(slot.timer);
    this.slots.clear();
  }

  /** The document closed: pending work is dropped and its diagnostics cleared. */
  closed(uri: string): void {
    const slot = this.slots.get(uri);
    if (slot?.timer) clearTimeout(slot.timer);
    this.slots.delete(uri);
    this.target.publish(uri, undefined, []);
  }

  private async run(uri: string, slot: Slot): Promise<void> {
    slot.timer = undefined;
    const entry = this.store.get(uri);
    if (!entry || this.slots.get(uri) !== slot) return;
    slot.running = true;
    slot.lastRun = performance.now();
    try {
      const a = await this.target.analyze(entry);
      const current = this.store.get(uri);
      // A newer version (or a newer context) arrived meanwhile: its own run publishes.
      if (
        current &&
        this.slots.get(uri) === slot &&
        this.target.keyOf(current) === a.key &&
        slot.published !== a.key
      ) {
        slot.published = a.key;
        this.target.publish(uri, a.version, this.target.diagnostics(a));
      }
    } catch (err) {
      this.target.log(
        `kms-codemod: analysing ${uri} failed: ${err instanceof Error ? err.stack : String(err)}`,
      );
    } finally {
      slot.running = false;
      if (slot.again && this.slots.get(uri) === slot) {
        slot.again = false;
        this.schedule(uri);
      }
    }
  }
}
