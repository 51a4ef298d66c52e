/** How reports name an application: the repository, then the application directory inside it. */
export const appName = (a: { repo: string; app: string }): string =>
  a.app === '.' ? a.repo : `${a.repo}/${a.app}`.replace(/^\.\//, '');
