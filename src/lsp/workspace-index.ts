import { join } from 'node:path';
import type { CacheOptions } from '../cache/fact-cache.js';
import type { KmsCodemodConfig } from '../config/config.js';
import type { AppResult, FileFacts, Finding, Skip } from '../model/index.js';
import { unreadByApp } from '../scan/app-pass.js';
import type { ScanProgress, ScanResult } from '../scan/index.js';
import { ancestorManifests } from '../workspace/ancestor-manifests.js';
import { appLocator, discoverApps } from '../workspace/apps.js';
import { buildIndex, type IndexBuild } from './index-build.js';

/** How an index build reports itself (the server turns it into `$/progress`). */
export interface IndexProgress {
  report(percentage: number, message: string): void;
  done(): void;
}

export interface WorkspaceIndexHooks {
  config(): KmsCodemodConfig;
  /** The fact cache the builds use, or false. */
  cache: false | CacheOptions;
  /** A progress reporter for one build (the client's work-done progress, or a silent one). */
  progress(): Promise<IndexProgress>;
  /** A build finished: the index's facts, apps and findings changed. */
  updated(): void;
  failed(message: string): void;
  /** Whether an edit is being analysed now: a build that starts then starts held. */
  held(): boolean;
}

/** Percent for a scan's phase: the walk has no total, reading is cheap, parsing is the bulk. */
export function indexPercentage(p: ScanProgress): number {
  const share = p.total > 0 ? p.done / p.total : 0;
  if (p.phase === 'walk') return 0;
  if (p.phase === 'read') return Math.round(5 + 35 * share);
  return Math.round(40 + 60 * share);
}

function progressMessage(p: ScanProgress): string {
  if (p.phase === 'walk') return `${p.done} files found`;
  return `${p.phase === 'read' ? 'reading' : 'parsing'} ${p.done}/${p.total}`;
}

/** What a build ends with: how many files it read, and how many the fact cache spared. */
export function builtMessage(result: ScanResult): string {
  const c = result.stats.cache;
  const files = `${result.stats.files} files`;
  if (!c) return `indexed ${files}`;
  return `indexed ${files}: ${c.extracted} parsed, ${c.fromCache} from the cache`;
}

/**
 * One workspace folder seen the way `kms-codemod scan` sees it: `scan()` on the folder, in the
 * background, kept current by running it again after files change on disk (coalesced: a build asked
 * for while one runs starts when it ends). Open buffers are not part of it; the server lays them over
 * it. Nothing waits for it: until the first build ends, files are analysed on their own.
 */
export class WorkspaceIndex {
  private result?: ScanResult;
  private locate: (file: string) => string = () => '.';
  private factsByApp = new Map<string, Map<string, FileFacts>>();
  private findingsByFile = new Map<string, Finding[]>();
  private unreadByApp = new Map<string, Skip[]>();
  private readonly earlyApps = new Map<string, string>();
  private running?: IndexBuild;
  private again = false;
  private disposed = false;
  /** Bumped when a build lands. */
  generation = 0;

  constructor(
    readonly root: string,
    private readonly hooks: WorkspaceIndexHooks,
  ) {}

  get ready(): boolean {
    return this.result !== undefined;
  }

  get building(): boolean {
    return this.running !== undefined;
  }

  /** Starts a build, or marks one to follow the running build. */
  rebuild(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    const progress = await this.hooks.progress();
    const build = buildIndex({ root: this.root, config: this.hooks.config(), cache: this.hooks.cache }, (p) =>
      progress.report(indexPercentage(p), progressMessage(p)),
    );
    this.running = build;
    if (this.hooks.held()) build.pause();
    try {
      const result = await build.result;
      this.install(result);
      progress.report(100, builtMessage(result));
      this.hooks.updated();
    } catch (err) {
      if (!this.disposed) this.hooks.failed(err instanceof Error ? err.message : String(err));
    } finally {
      progress.done();
      this.running = undefined;
      if (this.again && !this.disposed) {
        this.again = false;
        void this.run();
      }
    }
  }

  private install(result: ScanResult): void {
    this.result = result;
    this.locate = appLocator(result.apps);
    this.factsByApp = new Map(result.apps.map((a) => [a.dir, new Map<string, FileFacts>()]));
    for (const f of result.files) this.factsByApp.get(this.locate(f.file))?.set(f.file, f);
    this.unreadByApp = unreadByApp(result.skipped, this.locate);
    this.findingsByFile = new Map();
    for (const f of result.findings) {
      const list = this.findingsByFile.get(f.file) ?? [];
      list.push(f);
      this.findingsByFile.set(f.file, list);
    }
    this.generation++;
  }

  /**
   * The application directory of a root-relative file. Until the first build it comes from the
   * manifests in the file's own ancestors, as scan finds them for a single file.
   */
  appOf(file: string): string {
    if (this.result) return this.locate(file);
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
    let app = this.earlyApps.get(dir);
    if (app === undefined) {
      const abs = join(this.root, file);
      app = appLocator(discoverApps(ancestorManifests(this.root, [abs])))(file);
      this.earlyApps.set(dir, app);
    }
    return app;
  }

  appResult(dir: string): AppResult | undefined {
    return this.result?.apps.find((a) => a.dir === dir);
  }

  apps(): readonly AppResult[] {
    return this.result?.apps ?? [];
  }

  /** The facts of an application's files as last read from disk, by root-relative path. */
  factsOf(dir: string): ReadonlyMap<string, FileFacts> {
    return this.factsByApp.get(dir) ?? new Map();
  }

  /** The files of an application the last build could not read or analyse in full. */
  unreadOf(dir: string): readonly Skip[] {
    return this.unreadByApp.get(dir) ?? [];
  }

  /** Findings of the last build, by root-relative file. */
  findings(): ReadonlyMap<string, readonly Finding[]> {
    return this.findingsByFile;
  }

  /** Holds a running build while an edit is analysed (see Session.interactive). */
  pause(): void {
    this.running?.pause();
  }

  resume(): void {
    this.running?.resume();
  }

  dispose(): void {
    this.disposed = true;
    this.running?.cancel();
  }
}
