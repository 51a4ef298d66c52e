import type { CodeAction, Command } from 'vscode-languageserver';

/** Runs a code action on the server (for clients that take only commands, not action literals). */
export const APPLY_ACTION_COMMAND = 'kms-codemod.applyCodeAction';

export function asCommand(action: CodeAction): Command {
  return { title: action.title, command: APPLY_ACTION_COMMAND, arguments: [action] };
}
