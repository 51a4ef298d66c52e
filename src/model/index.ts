export * from './edit.js';
export * from './facts.js';
export * from './finding.js';
export * from './instance-env.js';
export * from './kms-actions.js';
export * from './language.js';
export * from './range.js';
