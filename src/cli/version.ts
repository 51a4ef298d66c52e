// The tool's version lives with the cache key, which needs it too; the CLI reads it from there.
export { toolVersion } from '../cache/versions.js';
