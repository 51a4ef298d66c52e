export { isApplicationManifest, MANIFEST_FILE_PATTERNS } from './file-patterns.js';
export { NEED_PACKAGES } from './needs.js';
export { MANIFEST_MODULES, manifestModuleFor } from './registry.js';
export type {
  AddOptions,
  Declared,
  Dependency,
  Ecosystem,
  Extraction,
  ManifestEdit,
  ManifestModule,
  ManifestProblem,
  ProblemCode,
  RelatedExtraction,
} from './types.js';
export { REFUSING } from './types.js';
export { versionOf } from './versions.js';
