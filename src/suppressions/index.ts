// Inline suppression comments: reading them (the scan, migrate) and writing one (an editor's quick fix).
export { parseSuppressions, SUPPRESSION_MARKER } from './directives.js';
export { type SuppressionEditOptions, suppressionEdit } from './edit.js';
export { type DirectiveUse, silenceFindings } from './silence.js';
