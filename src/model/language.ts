export type Language = 'java' | 'python' | 'go' | 'typescript' | 'javascript' | 'php' | 'csharp' | 'other';

/** Languages for which a vendor transfer SDK exists (seed: "which applications can move"). */
export const TRANSFER_SDK_LANGUAGES: readonly Language[] = ['java', 'python', 'go'];

const BY_EXTENSION: Record<string, Language> = {
  '.java': 'java',
  '.py': 'python',
  '.go': 'go',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.php': 'php',
  '.cs': 'csharp',
};

export function languageOfPath(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  return BY_EXTENSION[path.slice(dot).toLowerCase()];
}
