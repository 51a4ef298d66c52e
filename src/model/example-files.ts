/**
 * Whether a repository-relative path is example or demo code shipped with a project, not run by it
 * (`examples/`, `samples/`, `demo/`): like test files, what it holds never runs in production.
 */
export function isExampleFile(rel: string): boolean {
  return /(?:^|\/)(?:examples?|samples?|demos?)\//i.test(rel);
}
