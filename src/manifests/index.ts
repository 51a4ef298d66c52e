export { NEED_PACKAGES } from './needs.js';
export { isApplicationManifest, MANIFEST_MODULES, manifestModuleFor } from './registry.js';
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
