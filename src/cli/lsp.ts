import type { Command } from 'commander';
import { addCacheOptions, type CacheFlags, cacheOption } from './cache-options.js';
import { defineCommand, statusAction } from './command.js';
import { type ExitStatus, USAGE_OR_ERROR } from './exit-status.js';
import { type ConfigFlags, configOptions } from './options.js';

interface LspFlags extends ConfigFlags, CacheFlags {
  stdio?: boolean;
}

async function runLsp(flags: LspFlags): Promise<ExitStatus> {
  // The first index process starts loading the scan while the server itself loads.
  (await import('../lsp/index-build.js')).prestartIndexer();
  // The server, its protocol library and the rewriters load only for this command.
  const { serveStdio } = await import('../lsp/index.js');
  const code = await serveStdio({ config: flags.config, cache: cacheOption(flags) });
  return code === 0 ? 'ok' : 'failure';
}

export function registerLsp(program: Command): void {
  const cmd = defineCommand(program, {
    name: 'lsp',
    description:
      'Run the language server (LSP over stdin/stdout): diagnostics, quick fixes that migrate a client with its manifest, and hovers, in your editor.',
    exitStatus: {
      ok: 'the client sent shutdown, then exit',
      failure:
        'the client sent exit without shutdown, or closed the connection (as the LSP specification asks)',
      usage: USAGE_OR_ERROR,
    },
  });
  addCacheOptions(configOptions(cmd, 'in or above each workspace folder'))
    .option('--stdio', 'talk LSP over stdin/stdout (the default, and the only transport)')
    .action(statusAction('lsp', runLsp));
}
