/**
 * Build manifests that make a directory an application (issue 2's list, plus composer.json and
 * *.csproj so PHP and C# applications get their own verdict).
 */
export function isManifest(name: string): boolean {
  return (
    name === 'pom.xml' ||
    name === 'build.gradle' ||
    name === 'build.gradle.kts' ||
    name === 'go.mod' ||
    name === 'pyproject.toml' ||
    name === 'setup.py' ||
    name === 'package.json' ||
    name === 'composer.json' ||
    name.endsWith('.csproj') ||
    /^requirements.*\.txt$/.test(name)
  );
}
