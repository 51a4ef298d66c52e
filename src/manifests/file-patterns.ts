/**
 * The file names each manifest module reads (its `filePatterns` is its entry here), and the test that
 * makes a directory an application. Kept apart from the modules so that application discovery, which
 * runs on every scan, does not load their parsers and editors (a warm rescan never needs them).
 */
export const MANIFEST_FILE_PATTERNS = {
  maven: [/^pom\.xml$/],
  gradle: [/^build\.gradle$/],
  gradleKts: [/^build\.gradle\.kts$/],
  goMod: [/^go\.mod$/],
  requirements: [/^requirements[\w.-]*\.(?:txt|in)$/],
  pyproject: [/^pyproject\.toml$/],
  setupPy: [/^setup\.py$/],
  setupCfg: [/^setup\.cfg$/],
  packageJson: [/^package\.json$/],
} as const satisfies Record<string, readonly RegExp[]>;

/** Build files that make a directory an application although no module edits them (PHP, C#: no transfer SDK). */
const APPLICATION_ONLY: readonly RegExp[] = [/^composer\.json$/, /\.csproj$/];

const ALL: readonly RegExp[] = [...Object.values(MANIFEST_FILE_PATTERNS).flat(), ...APPLICATION_ONLY];

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Whether a file makes its directory an application. */
export function isApplicationManifest(path: string): boolean {
  const name = baseName(path);
  return ALL.some((p) => p.test(name));
}
