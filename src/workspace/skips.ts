export type { Skip, SkipReason } from '../model/skip.js';
