import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN_HEADER } from './admin-server.js';

/** Talks to a running mock's admin endpoint, found through `<dir>/mock.json`. */
export interface RunningMock {
  adminUrl: string;
  adminToken: string;
  gatewayUrl: string;
  proxyUrl: string;
  instanceEndpoint: string;
}

export function findRunningMock(dir: string): RunningMock {
  const file = join(dir, 'mock.json');
  if (!existsSync(file)) {
    throw new Error(
      `${file}: not found; start the mock with \`kms-codemod mock --state ${dir}\` (or --dir) first, or pass the directory it uses`,
    );
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunningMock;
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message}); restart the mock to rewrite it`);
  }
}

export async function adminCall(mock: RunningMock, path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${mock.adminUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: mock.adminToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new Error(
      `cannot reach the mock's admin endpoint ${mock.adminUrl} (${(err as Error).message}); is the mock still running?`,
    );
  }
  const json = (await res.json()) as { error?: string };
  if (!res.ok) throw new Error(`mock admin ${path}: ${json.error ?? res.status}`);
  return json;
}
