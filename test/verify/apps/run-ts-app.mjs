// Runs a TS app the way `npm install && tsc && node app.js` would, offline: transpiles its .ts files
// and links its dependencies (the toolchain's npm packages, our transfer client) with the verifier's
// own node runner from dist/, then runs the entry with the remaining arguments.
// Usage: node run-ts-app.mjs <node_modules of the toolchain> <entry.ts> [args...]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [nodePath, entry, ...args] = process.argv.slice(2);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { prepareNodeApp } = await import(pathToFileURL(join(root, 'dist/src/verify/runners/node.js')).href);
const problem = await prepareNodeApp(process.cwd(), nodePath);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(2);
}
const script = resolve(entry.replace(/\.([mc]?)ts$/, '.$1js'));
process.argv = [process.argv[0], script, ...args];
await import(pathToFileURL(script).href);
