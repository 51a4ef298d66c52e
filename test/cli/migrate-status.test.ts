import { describe, expect, it } from 'vitest';
import { migrateStatus } from '../../src/cli/migrate.js';
import type { AppBuild, MigrateResult } from '../../src/migrate/index.js';

function written(builds?: AppBuild[]): MigrateResult {
  return {
    changes: [],
    unrewritten: [],
    reminders: [],
    written: ['app/Main.java'],
    writeFailed: false,
    apps: [],
    recovered: [],
    ...(builds ? { builds } : {}),
  };
}

const build = (status: AppBuild['status']): AppBuild => ({
  app: '/repo/app',
  language: 'java',
  status,
  commands: ['mvn -q -B compile'],
  restored: status === 'failed' ? ['/repo/app/Main.java'] : [],
});

describe('migrate --write exit status', () => {
  it('is a failure when an application did not build and was put back', () => {
    expect(migrateStatus(written([build('passed'), build('failed')]), 'write')).toBe('failure');
  });

  it('is ok when every checked application built, or a check was skipped', () => {
    expect(migrateStatus(written([build('passed'), build('skipped')]), 'write')).toBe('ok');
    expect(migrateStatus(written(), 'write')).toBe('ok');
  });
});
