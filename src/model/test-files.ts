/**
 * Whether a repository-relative path is test code: Go `_test.go`, Java `*Test.java` / `*Tests.java`,
 * Python `test_*.py` / `*_test.py`, TS/JS `*.test.*` / `*.spec.*`, and anything under a `test/`,
 * `tests/`, `__tests__/` or Maven `src/test/` directory.
 */
export function isTestFile(rel: string): boolean {
  return (
    /(?:_test\.go|Tests?\.java|(?:^|\/)test_[^/]*\.py|_test\.py|\.(?:test|spec)\.[cm]?[jt]sx?)$/.test(rel) ||
    /(?:^|\/)(?:src\/test|tests?|__tests__)\//.test(rel)
  );
}
