/** An application: a directory with a build manifest, or the scan root ('.'). */
export interface AppDir {
  dir: string;
  manifests: string[];
}

function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '.' : rel.slice(0, i);
}

/** Application directories from the manifests found by the walk; the root is always one. */
export function discoverApps(manifests: readonly string[]): AppDir[] {
  const byDir = new Map<string, string[]>([['.', []]]);
  for (const m of manifests) {
    const d = dirOf(m);
    const list = byDir.get(d) ?? [];
    list.push(m);
    byDir.set(d, list);
  }
  return [...byDir.entries()]
    .map(([dir, ms]) => ({ dir, manifests: ms }))
    .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** Maps a file to its nearest enclosing application directory (the set is built once). */
export function appLocator(apps: readonly AppDir[]): (file: string) => string {
  const dirs = new Set(apps.map((a) => a.dir));
  return (file) => {
    let d = dirOf(file);
    while (d !== '.') {
      if (dirs.has(d)) return d;
      d = dirOf(d);
    }
    return '.';
  };
}
