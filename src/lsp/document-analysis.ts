import { basename } from 'node:path';
import {
  type AppResult,
  emptyFacts,
  type FileFacts,
  type Finding,
  type Language,
  languageOfPath,
} from '../model/index.js';
import { analyzeText } from '../scan/index.js';
import { DEFAULT_MAX_FILE_SIZE } from '../workspace/read-source.js';
import { readSourceFile } from '../workspace/source-encoding.js';
import { toRel, walk } from '../workspace/walk.js';
import { appSignature } from './app-signature.js';
import type { OpenDocument } from './document-store.js';
import type { FolderConfig } from './folder-config.js';
import { untitledName } from './uri.js';
import { type FolderState, looseAppRoot } from './workspace-folders.js';

/** A file scan would not analyse: left out by .gitignore or the config, or larger than maxFileSize. */
export interface Skipped {
  kind: 'ignored' | 'too-large';
  message: string;
}

/** One open buffer analysed at one version, with everything it was analysed with. */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  /** The identity of this result: the buffer version, the config and index generations, the app's. */
  key: string;
  text: string;
  /** Relative to `root`, `/`-separated, as scan names files. */
  file: string;
  /** The folder root (a file outside every folder: its own directory). */
  root: string;
  folder?: FolderState;
  appDir: string;
  language?: Language;
  facts: FileFacts;
  /** The facts of the application's other files it was analysed with (index plus open buffers). */
  context: FileFacts[];
  findings: Finding[];
  /** The application's verdict with this buffer in it. */
  app: AppResult;
  /** Why nothing is reported for this file. */
  skipped?: Skipped;
  /** The analyser could not read the file in full. */
  problem?: string;
}

export interface AnalyzerHost {
  /** Runs an analysis as work the user waits for (background builds are held meanwhile). */
  interactive<T>(work: () => Promise<T>): Promise<T>;
  folderOf(path: string): FolderState | undefined;
  /** The config of a file outside every workspace folder, for its application directory. */
  looseConfig(dir: string): FolderConfig;
  /** An edit changed what the other files of an application see of it. */
  appChanged(folder: FolderState, appDir: string, exceptUri: string): void;
}

function emptyApp(dir: string): AppResult {
  return {
    dir,
    manifests: [],
    languages: [],
    verdict: 'nothing to migrate',
    reasons: [],
    clients: [],
    actions: [],
  };
}

/**
 * Analyses open buffers with the library's `analyzeText`, the application's other files coming from
 * the workspace index with the other open buffers laid over it. One analysis per key: a pull, a push,
 * a code action and a hover on the same version share it.
 */
export class DocumentAnalyzer {
  private readonly memo = new Map<string, { key: string; result: Promise<DocumentAnalysis> }>();
  /** The latest facts of each open buffer, by absolute path: what other files' analyses see of it. */
  private readonly overlays = new Map<string, FileFacts>();
  private readonly signatures = new Map<string, string>();
  private readonly appGenerations = new Map<string, number>();
  private readonly ignoredMemo = new Map<string, { key: string; ignored: boolean }>();
  /** Bumped when a config file changes: files outside every folder read theirs again. */
  looseGeneration = 0;

  constructor(private readonly host: AnalyzerHost) {}

  private appKey(folder: FolderState, appDir: string): string {
    return `${folder.root}\0${appDir}`;
  }

  /** The key the buffer's current analysis has (or will have). */
  keyOf(entry: OpenDocument): string {
    return this.keyFor(entry.doc.version, entry.path);
  }

  private keyFor(version: number, path: string | undefined): string {
    const folder = path ? this.host.folderOf(path) : undefined;
    if (!folder) return `${version}|loose${this.looseGeneration}`;
    const app =
      this.appGenerations.get(this.appKey(folder, folder.index.appOf(toRel(folder.root, path!)))) ?? 0;
    return `${version}|${folder.configGeneration}.${folder.index.generation}.${app}`;
  }

  analyze(entry: OpenDocument): Promise<DocumentAnalysis> {
    const key = this.keyOf(entry);
    const cached = this.memo.get(entry.uri);
    if (cached?.key === key) return cached.result;
    const result = this.host.interactive(() => this.run(entry, key));
    this.memo.set(entry.uri, { key, result });
    return result;
  }

  /** The buffer was closed: its facts leave the overlay, and its application sees the disk again. */
  forget(entry: OpenDocument): void {
    this.memo.delete(entry.uri);
    if (!entry.path || !this.overlays.delete(entry.path)) return;
    const folder = this.host.folderOf(entry.path);
    if (!folder) return;
    let onDisk: string | undefined;
    try {
      onDisk = readSourceFile(entry.path).text;
    } catch {
      onDisk = undefined;
    }
    if (onDisk !== entry.doc.getText())
      this.bumpApp(folder, folder.index.appOf(toRel(folder.root, entry.path)), entry.uri);
  }

  /** A new index build: the applications' signatures start again from it. */
  resetFolder(folder: FolderState): void {
    for (const k of [...this.signatures.keys()])
      if (k.startsWith(`${folder.root}\0`)) this.signatures.delete(k);
  }

  private bumpApp(folder: FolderState, appDir: string, exceptUri: string): void {
    const k = this.appKey(folder, appDir);
    this.appGenerations.set(k, (this.appGenerations.get(k) ?? 0) + 1);
    this.host.appChanged(folder, appDir, exceptUri);
  }

  private async run(entry: OpenDocument, key: string): Promise<DocumentAnalysis> {
    const text = entry.doc.getText();
    const folder = entry.path ? this.host.folderOf(entry.path) : undefined;
    const root = folder?.root ?? (entry.path ? looseAppRoot(entry.path) : process.cwd());
    const file = entry.path ? toRel(root, entry.path) : untitledName(entry.doc.languageId);
    const fc =
      folder?.config ??
      (entry.path ? this.host.looseConfig(entry.path) : { config: { ignores: [], rules: {} } });
    const appDir = folder ? folder.index.appOf(file) : '.';
    const language = languageOfPath(file);
    const base = {
      uri: entry.uri,
      version: entry.doc.version,
      key,
      text,
      file,
      root,
      folder,
      appDir,
      language,
    };
    const skipped = language ? this.skipReason(entry, root, file, fc, key) : undefined;
    if (skipped || !language) {
      const app = folder?.index.appResult(appDir) ?? emptyApp(appDir);
      return {
        ...base,
        facts: emptyFacts(file, language ?? 'other'),
        context: [],
        findings: [],
        app,
        skipped,
      };
    }
    const context = folder ? this.context(folder, appDir, file) : [];
    const result = await analyzeText(file, text, {
      context,
      app: appDir,
      rules: fc.config.rules,
      // What the index could not read leaves the application incomplete, as in scan (this buffer aside:
      // the editor has read it).
      unread: folder?.index.unreadOf(appDir),
    });
    const indexed = folder?.index.appResult(appDir);
    const app = indexed?.kind
      ? { ...result.app, kind: indexed.kind, kindEvidence: indexed.kindEvidence }
      : result.app;
    if (entry.path) this.overlays.set(entry.path, result.facts);
    if (folder && this.noteSignature(folder, appDir, app, entry.uri)) {
      // This very buffer changed its application: the result stands (it was computed with the new
      // facts); only the application's other files must be analysed again.
      const newKey = this.keyFor(base.version, entry.path);
      const memo = this.memo.get(entry.uri);
      if (memo?.key === key) this.memo.set(entry.uri, { key: newKey, result: memo.result });
      base.key = newKey;
    }
    return { ...base, facts: result.facts, context, findings: result.findings, app, problem: result.problem };
  }

  /** Records what the application looks like with this buffer; true when that changed. */
  private noteSignature(folder: FolderState, appDir: string, app: AppResult, uri: string): boolean {
    const k = this.appKey(folder, appDir);
    const before = this.signatures.get(k) ?? appSignature(folder.index.appResult(appDir));
    const now = appSignature(app);
    this.signatures.set(k, now);
    if (before === now) return false;
    this.bumpApp(folder, appDir, uri);
    return true;
  }

  /** The application's other files: the index's, with each open buffer's latest facts over them. */
  private context(folder: FolderState, appDir: string, file: string): FileFacts[] {
    const facts = new Map(folder.index.factsOf(appDir));
    for (const [path, overlay] of this.overlays) {
      if (!path.startsWith(folder.root)) continue;
      const rel = toRel(folder.root, path);
      if (rel.startsWith('..') || folder.index.appOf(rel) !== appDir) continue;
      facts.set(rel, overlay);
    }
    facts.delete(file);
    return [...facts.values()];
  }

  /** Files the config leaves out, or too large to analyse, get nothing (as scan would skip them). */
  private skipReason(
    entry: OpenDocument,
    root: string,
    file: string,
    fc: FolderConfig,
    key: string,
  ): Skipped | undefined {
    const limit = fc.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (entry.doc.getText().length > limit)
      return {
        kind: 'too-large',
        message: `${basename(file)} is larger than ${limit} bytes (maxFileSize${fc.file ? ` of ${fc.file}` : ''}), so kms-codemod does not analyse it, as scan skips it; raise maxFileSize in kms-codemod.config.json to analyse it`,
      };
    if (!entry.path || file.startsWith('..')) return undefined;
    const stamp = key.slice(key.indexOf('|') + 1);
    const memo = this.ignoredMemo.get(entry.uri);
    let ignored = memo?.key === stamp ? memo.ignored : undefined;
    if (ignored === undefined) {
      // The walk decides, with the same .gitignore files and config globs as scan.
      ignored = walk({ root, paths: [entry.path], ignore: fc.config.ignores }).sources.length === 0;
      this.ignoredMemo.set(entry.uri, { key: stamp, ignored });
    }
    return ignored
      ? {
          kind: 'ignored',
          message: `${file} is left out by .gitignore or the config's ignores, as scan leaves it out`,
        }
      : undefined;
  }
}
