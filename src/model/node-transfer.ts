/**
 * The npm package of our Node transfer client (packages/transfer/), which `migrate` imports in
 * rewritten TS/JS and adds to package.json; and the module path older migrations import from the full
 * toolkit, still recognised as a transfer client.
 */
export const NODE_TRANSFER_PACKAGE = '@kms-codemod/transfer';
export const TOOLKIT_TRANSFER_MODULE = 'kms-codemod/transfer';
export const NODE_TRANSFER_MODULES: readonly string[] = [NODE_TRANSFER_PACKAGE, TOOLKIT_TRANSFER_MODULE];
