/** Renders variables as a dotenv file (double-quoted, with \\, " and $ escaped). */
export function toDotenv(env: Record<string, string>, header?: string): string {
  const lines = header ? header.split('\n').map((l) => `# ${l}`) : [];
  for (const [k, v] of Object.entries(env)) {
    lines.push(
      `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$').replace(/\n/g, '\\n')}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}
