// Baselines: accept the findings an earlier scan reported, and report only what is new since.
export {
  type Baseline,
  type BaselineComparison,
  type BaselineEntry,
  BaselineError,
  type BaselineFile,
} from './baseline.js';
export { compareWithBaseline } from './compare.js';
export { parseBaseline, readBaseline } from './read-baseline.js';
export { baselineFile } from './write-baseline.js';
