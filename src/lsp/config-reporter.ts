import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE } from '../config/config.js';
import { configDiagnostics } from './config-diagnostics.js';
import type { DocumentStore } from './document-store.js';
import { configErrorMessage, type FolderConfig } from './folder-config.js';
import { uriOfPath } from './uri.js';

export interface ConfigReporterHost {
  store: DocumentStore;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** `window/showMessage` with an error. */
  showMessage(message: string): void;
}

export function isConfigPath(path: string | undefined): boolean {
  return path !== undefined && basename(path) === CONFIG_FILE;
}

/**
 * An invalid config is never silent: it is a diagnostic on the config file (pushed in either
 * diagnostic mode, from the buffer while the file is open) and one `window/showMessage` per new
 * problem. A fixed config clears both.
 */
export class ConfigReporter {
  private readonly shown = new Set<string>();
  private readonly published = new Set<string>();

  constructor(private readonly host: ConfigReporterHost) {}

  /** A folder's config was (re)loaded. */
  loaded(fc: FolderConfig): void {
    if (fc.error && !this.shown.has(fc.error)) {
      this.shown.add(fc.error);
      this.host.showMessage(configErrorMessage(fc));
    }
    if (!fc.error) this.shown.clear();
    if (fc.file) this.check(fc.file);
  }

  /** Diagnostics of a config file, from its buffer when open, else from disk. */
  check(path: string): void {
    const open = this.host.store.byPath(path);
    let text: string | undefined;
    try {
      text = open ? open.doc.getText() : readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    const diagnostics = text === undefined ? [] : configDiagnostics(path, text);
    const uri = open?.uri ?? uriOfPath(path);
    if (diagnostics.length === 0 && !this.published.has(uri)) return;
    if (diagnostics.length) this.published.add(uri);
    else this.published.delete(uri);
    this.host.publish(uri, open?.doc.version, diagnostics);
  }
}

export { CONFIG_FILE };
