import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for GitHub's REST API, enough of it for the review: pulls, review comments,
 * reviews, issue comments, GET /user. It answers as GitHub does where the review could go wrong: a
 * 422 for a review comment outside the diff (checked against `git diff` hunk headers of its own,
 * not the reviewer's parser), 403 for writes with a read-only (fork) token, rate-limit answers on
 * demand, and pages with Link headers. It records every request.
 */

export interface Recorded {
  method: string;
  path: string;
  body?: unknown;
  status: number;
  token?: string;
}

interface User {
  login: string;
  type: 'Bot' | 'User';
}

export interface FakeReviewComment {
  id: number;
  body: string;
  path: string;
  line: number | null;
  start_line?: number | null;
  commit_id: string;
  user: User;
  in_reply_to_id?: number;
  pull_request_review_id?: number;
}

export interface FakeIssueComment {
  id: number;
  body: string;
  user: User;
}

/** One answer to give instead of the real one, to the next request that matches. */
export interface Injected {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface FakeOptions {
  owner: string;
  repo: string;
  pull: number;
  /** The clone whose `base...head` is the pull request's diff. */
  repoDir: string;
  base: string;
  /** Tokens: login each posts as, whether it may write, whether GET /user works for it. */
  tokens: Record<string, { login: string; type: User['type']; write: boolean; user: boolean }>;
  /** Path prefix of the API (GitHub Enterprise serves it under /api/v3). */
  prefix?: string;
  /** Largest page the server gives, whatever per_page asks. */
  maxPage?: number;
}

export class FakeGitHub {
  readonly requests: Recorded[] = [];
  readonly reviewComments: FakeReviewComment[] = [];
  readonly issueComments: FakeIssueComment[] = [];
  readonly reviews: { id: number; commit_id: string; body: string; comments: number }[] = [];
  readonly inject: Injected[] = [];
  head = '';
  private nextId = 1000;
  private server?: Server;

  constructor(readonly o: FakeOptions) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${this.o.prefix ?? ''}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  /** A person answers in a comment's thread. */
  reply(to: number, login: string, body: string): void {
    const parent = this.reviewComments.find((c) => c.id === to);
    if (!parent) throw new Error(`no comment ${to}`);
    this.reviewComments.push({
      id: this.nextId++,
      body,
      path: parent.path,
      line: parent.line,
      commit_id: parent.commit_id,
      user: { login, type: 'User' },
      in_reply_to_id: to,
    });
  }

  /** Writes that changed something: the requests the issue's budget counts. */
  writes(): Recorded[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.status < 400);
  }

  reset(): void {
    this.requests.length = 0;
  }

  /** The new-side line ranges of each file's hunks, read from git's hunk headers. */
  private hunks(): Map<string, [number, number][]> {
    const out = spawnSync(
      'git',
      ['diff', '-U3', '--no-color', '--no-renames', `${this.o.base}...${this.head}`],
      {
        cwd: this.o.repoDir,
        encoding: 'utf8',
      },
    ).stdout;
    const map = new Map<string, [number, number][]>();
    let file = '';
    for (const line of out.split('\n')) {
      if (line.startsWith('+++ ')) file = line.slice(4).replace(/^b\//, '');
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (m && file) {
        const start = Number(m[1]);
        const count = m[2] === undefined ? 1 : Number(m[2]);
        if (count > 0) map.set(file, [...(map.get(file) ?? []), [start, start + count - 1]]);
      }
    }
    return map;
  }

  private send(
    res: ServerResponse,
    rec: Recorded,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    rec.status = status;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  private page<T>(url: URL, items: T[], res: ServerResponse, rec: Recorded) {
    const per = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.o.maxPage ?? 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * per, page * per);
    const headers: Record<string, string> = {};
    if (page * per < items.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    this.send(res, rec, 200, slice, headers);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const path = url.pathname.slice((this.o.prefix ?? '').length);
    const method = req.method ?? 'GET';
    const token = (req.headers.authorization ?? '').replace(/^(token|bearer) /i, '');
    const rec: Recorded = { method, path, status: 0, token, ...(raw ? { body: JSON.parse(raw) } : {}) };
    this.requests.push(rec);
    const injected = this.inject.findIndex((i) => i.method === method && i.path.test(path));
    if (injected >= 0) {
      const [i] = this.inject.splice(injected, 1);
      return this.send(res, rec, i.status, i.body, i.headers);
    }
    const who = this.o.tokens[token];
    if (!who) return this.send(res, rec, 401, { message: 'Bad credentials' });
    const user: User = { login: who.login, type: who.type };
    if (method !== 'GET' && !who.write)
      return this.send(res, rec, 403, { message: 'Resource not accessible by integration' });
    const repo = `/repos/${this.o.owner}/${this.o.repo}`;
    const n = this.o.pull;
    const body = rec.body as Record<string, unknown> | undefined;

    if (method === 'GET' && path === '/user') {
      if (!who.user) return this.send(res, rec, 403, { message: 'Resource not accessible by integration' });
      return this.send(res, rec, 200, { login: who.login, type: who.type });
    }
    if (method === 'GET' && path === `${repo}/pulls/${n}`)
      return this.send(res, rec, 200, { number: n, head: { sha: this.head } });
    if (method === 'GET' && path === `${repo}/pulls/${n}/comments`)
      return this.page(url, this.reviewComments, res, rec);
    if (method === 'GET' && path === `${repo}/issues/${n}/comments`)
      return this.page(url, this.issueComments, res, rec);
    if (method === 'POST' && path === `${repo}/pulls/${n}/reviews`)
      return this.createReview(body ?? {}, user, res, rec);
    const del = new RegExp(`^${repo}/pulls/comments/(\\d+)$`).exec(path);
    if (method === 'DELETE' && del) {
      const i = this.reviewComments.findIndex((c) => c.id === Number(del[1]));
      if (i < 0) return this.send(res, rec, 404, { message: 'Not Found' });
      if (this.reviewComments[i].user.login !== user.login)
        return this.send(res, rec, 403, { message: 'Forbidden' });
      this.reviewComments.splice(i, 1);
      return this.send(res, rec, 204, undefined);
    }
    if (method === 'POST' && path === `${repo}/issues/${n}/comments`) {
      const c = { id: this.nextId++, body: String(body?.body ?? ''), user };
      this.issueComments.push(c);
      return this.send(res, rec, 201, c);
    }
    const upd = new RegExp(`^${repo}/issues/comments/(\\d+)$`).exec(path);
    if (method === 'PATCH' && upd) {
      const c = this.issueComments.find((x) => x.id === Number(upd[1]));
      if (!c) return this.send(res, rec, 404, { message: 'Not Found' });
      if (c.user.login !== user.login) return this.send(res, rec, 403, { message: 'Forbidden' });
      c.body = String(body?.body ?? '');
      return this.send(res, rec, 200, c);
    }
    return this.send(res, rec, 404, {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
    });
  }

  private createReview(body: Record<string, unknown>, user: User, res: ServerResponse, rec: Recorded) {
    const comments = (body.comments ?? []) as Record<string, unknown>[];
    if (body.commit_id !== this.head)
      return this.send(res, rec, 422, {
        message: 'Unprocessable Entity',
        errors: ['commit_id is not part of the pull request'],
      });
    if ((body.event === 'COMMENT' || body.event === 'REQUEST_CHANGES') && !body.body)
      return this.send(res, rec, 422, { message: 'Unprocessable Entity', errors: ['Body is required'] });
    const hunks = this.hunks();
    for (const c of comments) {
      const line = Number(c.line);
      const start = c.start_line === undefined ? line : Number(c.start_line);
      const spans = hunks.get(String(c.path)) ?? [];
      const span = spans.find(([a, b]) => line >= a && line <= b);
      if (!span || c.side !== 'RIGHT')
        return this.send(res, rec, 422, {
          message: 'Unprocessable Entity',
          errors: ['Pull request review thread line must be part of the diff'],
        });
      if (start > line || start < span[0])
        return this.send(res, rec, 422, {
          message: 'Unprocessable Entity',
          errors: ['Pull request review thread start line must be part of the same hunk as the line.'],
        });
    }
    const id = this.nextId++;
    this.reviews.push({
      id,
      commit_id: String(body.commit_id),
      body: String(body.body),
      comments: comments.length,
    });
    for (const c of comments)
      this.reviewComments.push({
        id: this.nextId++,
        body: String(c.body),
        path: String(c.path),
        line: Number(c.line),
        start_line: c.start_line === undefined ? null : Number(c.start_line),
        commit_id: String(body.commit_id),
        user,
        pull_request_review_id: id,
      });
    return this.send(res, rec, 200, { id, state: 'COMMENTED', commit_id: body.commit_id });
  }
}
