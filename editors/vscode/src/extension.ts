import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ExtensionContext, window, workspace } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The installed package's CLI: the setting, else the workspace's node_modules, else `kms-codemod` on PATH. */
function serverCommand(): { command: string; args: string[] } {
  const config = workspace.getConfiguration('kmsCodemod');
  const node = config.get<string>('node') || 'node';
  const setting = config.get<string>('serverPath');
  const candidates = [
    ...(setting ? [setting] : []),
    ...(workspace.workspaceFolders ?? []).map((f) => join(f.uri.fsPath, 'node_modules', 'kms-codemod')),
  ];
  for (const c of candidates) {
    const main = existsSync(c) && statSync(c).isDirectory() ? join(c, 'dist', 'src', 'cli', 'main.js') : c;
    if (existsSync(main)) return { command: node, args: [main, 'lsp', '--stdio'] };
  }
  return { command: 'kms-codemod', args: ['lsp', '--stdio'] };
}

const MANIFESTS = '{pom.xml,build.gradle,build.gradle.kts,go.mod,package.json,pyproject.toml,setup.py,setup.cfg,kms-codemod.config.json}';

export async function activate(context: ExtensionContext): Promise<void> {
  const { command, args } = serverCommand();
  const serverOptions: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...['java', 'python', 'go', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({
        scheme: 'file',
        language,
      })),
      // Manifests and the config are synced too: a quick fix edits them, and the next one must see the edit.
      { scheme: 'file', pattern: `**/${MANIFESTS}` },
      { scheme: 'file', pattern: '**/requirements*.{txt,in}' },
    ],
    initializationOptions: {
      diagnosticDelayMs: workspace.getConfiguration('kmsCodemod').get<number>('diagnosticDelayMs'),
    },
  };
  client = new LanguageClient('kmsCodemod', 'kms-codemod', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    void window.showErrorMessage(
      `kms-codemod: could not start \`${command} ${args.join(' ')}\` (${(err as Error).message}). Install kms-codemod in the workspace (npm install --save-dev kms-codemod) or set kmsCodemod.serverPath.`,
    );
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
