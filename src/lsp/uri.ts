import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a `file:` URI; undefined for other schemes (`untitled:`, ...). */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function uriOfPath(path: string): string {
  return pathToFileURL(path).href;
}

/** A file name for a buffer that has no path yet, so its language is known (`untitled:Untitled-1`). */
const EXTENSION_OF_LANGUAGE_ID: Record<string, string> = {
  java: '.java',
  python: '.py',
  go: '.go',
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

export function untitledName(languageId: string): string {
  return `untitled${EXTENSION_OF_LANGUAGE_ID[languageId] ?? '.txt'}`;
}
