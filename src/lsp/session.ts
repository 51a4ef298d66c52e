import { basename } from 'node:path';
import type {
  Connection,
  Diagnostic,
  InitializeParams,
  InitializeResult,
  WorkspaceFolder,
} from 'vscode-languageserver';
import type { CacheOptions } from '../cache/fact-cache.js';
import { toolVersion } from '../cache/versions.js';
import type { ConfigSetting } from '../config/resolve-config.js';
import { keepTreesForIncrementalParsing } from '../languages/tree-sitter/incremental.js';
import { languageOfPath } from '../model/language.js';
import { isManifest } from '../workspace/manifests.js';
import { toRel } from '../workspace/walk.js';
import {
  type ClientFeatures,
  clientFeatures,
  type DiagnosticMode,
  serverCapabilities,
} from './capabilities.js';
import { ClientChannel } from './client-channel.js';
import { ConfigReporter, isConfigPath } from './config-reporter.js';
import { documentDiagnostics } from './diagnostics.js';
import { DocumentAnalyzer } from './document-analysis.js';
import { DocumentStore, type OpenDocument } from './document-store.js';
import { type FolderConfig, loadFolderConfig } from './folder-config.js';
import { dropSpareIndexer } from './index-build.js';
import { PushScheduler } from './push-scheduler.js';
import { pathOfUri, uriOfPath } from './uri.js';
import { type FolderState, folderOf } from './workspace-folders.js';
import { WorkspaceIndex } from './workspace-index.js';

/** Settings a client may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Push mode: changes within this many ms of the last run are coalesced (default 150). */
  diagnosticDelayMs?: number;
  /** `auto` (pull when the client can), `push` or `pull`. */
  diagnosticMode?: DiagnosticMode;
  /** Build the workspace index (default true). */
  indexWorkspace?: boolean;
}

export interface ServerOptions {
  /** As the CLI's `--config FILE` / `--no-config`; default: found upward from each workspace folder. */
  config?: ConfigSetting;
  /**
   * The workspace index keeps each file's facts in the fact cache (the CLI's, unless `location` says
   * otherwise), so a rebuild after a change parses only what changed. `kms-codemod lsp` turns it on as
   * `scan` does (`--no-cache` to turn it off); off by default for a library caller.
   */
  cache?: false | CacheOptions;
}

const DEFAULT_DELAY_MS = 150;
/** Open buffers whose parse trees are kept (a tree is a few MB for a large file). */
const KEPT_TREES = 32;
/** Files change on disk in bursts (a checkout, a build): the index is rebuilt once they settle. */
const REBUILD_AFTER_MS = 300;
/**
 * However long a burst of changes lasts (a build tool writing files, a generator), a rebuild waits no
 * longer than this after the first change: a debounce that every change resets could wait forever.
 */
const REBUILD_AT_MOST_AFTER_MS = 2000;

/** What a scan reads: sources, manifests, ignore files and the config (a build output changing is not). */
function changesTheIndex(path: string): boolean {
  const name = basename(path);
  return (
    isConfigPath(path) || name === '.gitignore' || isManifest(name) || languageOfPath(name) !== undefined
  );
}

/** The server's state and the work its handlers share. */
export class Session {
  readonly store = new DocumentStore();
  readonly folders = new Map<string, FolderState>();
  readonly analyzer: DocumentAnalyzer;
  readonly configs: ConfigReporter;
  features!: ClientFeatures;
  scheduler?: PushScheduler;
  private init: InitializationOptions = {};
  private pendingFolders: WorkspaceFolder[] = [];
  private readonly rebuildTimers = new Map<string, NodeJS.Timeout>();
  /** When the pending rebuild of a folder was first asked for. */
  private readonly rebuildSince = new Map<string, number>();
  private refreshTimer?: NodeJS.Timeout;
  private readonly channel: ClientChannel;
  /** Analyses and fixes running now, for the user: index builds are held meanwhile. */
  private busy = 0;

  constructor(
    readonly connection: Connection,
    private readonly options: ServerOptions,
  ) {
    this.channel = new ClientChannel(connection);
    // Buffers are analysed on every edit: their parse trees are kept, so each parse is incremental.
    keepTreesForIncrementalParsing(KEPT_TREES);
    this.analyzer = new DocumentAnalyzer({
      interactive: (work) => this.interactive(work),
      folderOf: (path) => folderOf(this.folders.values(), path),
      looseConfig: (path) => this.looseConfig(path),
      appChanged: (folder, appDir, exceptUri) =>
        this.relint(
          (e) =>
            e.uri !== exceptUri &&
            e.path !== undefined &&
            folderOf(this.folders.values(), e.path) === folder &&
            folder.index.appOf(toRel(folder.root, e.path)) === appDir,
        ),
    });
    this.configs = new ConfigReporter({
      store: this.store,
      publish: (uri, version, diagnostics) => this.publish(uri, version, diagnostics),
      showMessage: (message) => this.channel.showError(message),
    });
  }

  initialize(params: InitializeParams): InitializeResult {
    this.init = (params.initializationOptions ?? {}) as InitializationOptions;
    if (this.init.indexWorkspace === false) dropSpareIndexer();
    this.features = clientFeatures(params.capabilities, this.init.diagnosticMode);
    if (!this.features.pullDiagnostics)
      this.scheduler = new PushScheduler(
        this.store,
        {
          analyze: (e) => this.analyzer.analyze(e),
          keyOf: (e) => this.analyzer.keyOf(e),
          diagnostics: documentDiagnostics,
          publish: (uri, version, d) => this.publish(uri, version, d),
          log: (m) => this.log(m),
        },
        this.init.diagnosticDelayMs ?? DEFAULT_DELAY_MS,
      );
    const rootUri = params.rootUri ?? (params.rootPath ? uriOfPath(params.rootPath) : null);
    this.pendingFolders = params.workspaceFolders ?? (rootUri ? [{ uri: rootUri, name: 'root' }] : []);
    return {
      capabilities: serverCapabilities(this.features),
      serverInfo: { name: 'kms-codemod', version: toolVersion() },
    };
  }

  /** After `initialized`: the folders' configs and indexes (progress can be asked for only now). */
  start(): void {
    for (const f of this.pendingFolders) this.addFolder(f);
    this.pendingFolders = [];
  }

  addFolder(wf: WorkspaceFolder): void {
    const root = pathOfUri(wf.uri);
    if (!root || this.folders.has(root)) return;
    const config = loadFolderConfig(root, this.options.config);
    const folder: FolderState = {
      uri: wf.uri,
      name: wf.name,
      root,
      config,
      configGeneration: 0,
      index: new WorkspaceIndex(root, {
        config: () => folder.config.config,
        cache: this.options.cache ?? false,
        progress: () =>
          this.channel.progress(`kms-codemod: indexing ${wf.name}`, this.features.workDoneProgress),
        updated: () => this.indexUpdated(folder),
        failed: (m) => this.log(`kms-codemod: indexing ${root} failed: ${m}`),
        held: () => this.busy > 0,
      }),
    };
    this.folders.set(root, folder);
    this.configs.loaded(config);
    if (this.init.indexWorkspace !== false) folder.index.rebuild();
    this.relint((e) => e.path !== undefined && folderOf(this.folders.values(), e.path) === folder);
  }

  removeFolder(wf: WorkspaceFolder): void {
    const root = pathOfUri(wf.uri);
    const folder = root && this.folders.get(root);
    if (!folder) return;
    folder.index.dispose();
    this.folders.delete(folder.root);
    this.relint((e) => e.path?.startsWith(folder.root) === true);
  }

  private indexUpdated(folder: FolderState): void {
    this.analyzer.resetFolder(folder);
    this.relint((e) => e.path !== undefined && folderOf(this.folders.values(), e.path) === folder);
  }

  /** The config of a file outside every folder, found upward from its application directory. */
  private looseConfig(dir: string): FolderConfig {
    const fc = loadFolderConfig(dir, this.options.config);
    if (fc.error) this.configs.loaded(fc);
    return fc;
  }

  /** A config file changed on disk (or was saved): reload every folder it may govern. */
  configChanged(): void {
    this.analyzer.looseGeneration++;
    for (const folder of this.folders.values()) {
      const before = folder.config;
      const next = loadFolderConfig(folder.root, this.options.config, before);
      folder.config = next;
      this.configs.loaded(next);
      if (before.file && before.file !== next.file) this.configs.check(before.file);
      if (JSON.stringify(before.config) === JSON.stringify(next.config) && before.file === next.file)
        continue;
      folder.configGeneration++;
      this.scheduleRebuild(folder, 0);
    }
    this.relint();
  }

  /** Files changed on disk: the folders holding them are indexed again once the burst settles. */
  filesChanged(paths: readonly string[]): void {
    if (paths.some(isConfigPath)) this.configChanged();
    const touched = new Set<FolderState>();
    for (const p of paths.filter(changesTheIndex)) {
      const folder = folderOf(this.folders.values(), p);
      if (folder) touched.add(folder);
    }
    for (const folder of touched) this.scheduleRebuild(folder, REBUILD_AFTER_MS);
  }

  private scheduleRebuild(folder: FolderState, delay: number): void {
    const pending = this.rebuildTimers.get(folder.root);
    const now = Date.now();
    const first = pending ? (this.rebuildSince.get(folder.root) ?? now) : now;
    if (pending) {
      // Past the longest wait, the rebuild already due stands rather than moving again.
      if (now - first + delay > REBUILD_AT_MOST_AFTER_MS) return;
      clearTimeout(pending);
    }
    this.rebuildSince.set(folder.root, first);
    this.rebuildTimers.set(
      folder.root,
      setTimeout(() => {
        this.rebuildTimers.delete(folder.root);
        this.rebuildSince.delete(folder.root);
        if (this.folders.get(folder.root) === folder && this.init.indexWorkspace !== false)
          folder.index.rebuild();
      }, delay),
    );
  }

  /** Open documents must be analysed again: pushed anew, or the client asked to pull again. */
  relint(filter: (e: OpenDocument) => boolean = () => true): void {
    if (this.scheduler) {
      this.scheduler.scheduleAll((e) => !isConfigPath(e.path) && filter(e));
      return;
    }
    if (!this.features.diagnosticRefresh || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.channel.refresh();
    }, 50);
  }

  /**
   * Work someone is waiting for (an edit's diagnostics, a code action): the index processes are held
   * (SIGSTOP) while it runs and go on (SIGCONT) when nothing interactive is left, so on a machine of
   * two cores an edit never competes with a background build for the CPU.
   */
  async interactive<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy++ === 0) for (const f of this.folders.values()) f.index.pause();
    try {
      return await work();
    } finally {
      if (--this.busy === 0) for (const f of this.folders.values()) f.index.resume();
    }
  }

  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    this.channel.publish(uri, version, diagnostics);
  }

  log(message: string, level: 'error' | 'warn' = 'error'): void {
    this.channel.log(message, level);
  }

  dispose(): void {
    this.channel.close();
    this.scheduler?.dispose();
    for (const t of this.rebuildTimers.values()) clearTimeout(t);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const f of this.folders.values()) f.index.dispose();
  }
}
