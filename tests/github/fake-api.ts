/**
 * A fake GitHub REST API on 127.0.0.1 that records every request: issue comments, check runs,
 * pull request files and repository contents, with pagination by `link` headers, a read-only mode
 * (every write answers 403 like a fork's token) and injectable failures.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever JSON the client sent, asserted on by field
  body: any;
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface ReviewComment {
  id: number;
  body: string;
  path: string;
  line: number;
  start_line?: number;
  review_id: number;
  user: { login: string; type: string };
}

export interface Review {
  id: number;
  body: string;
  commit_id: string;
  event: string;
}

export interface CheckRun {
  id: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies, as above
  created: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies, as above
  updates: any[];
}

/** Answer the next `times` matching requests with this status instead of the real handler. */
export interface Failure {
  method?: string;
  path: RegExp;
  status: number;
  times: number;
  message?: string;
  headers?: Record<string, string>;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<number, Comment[]>();
  readonly checkRuns: CheckRun[] = [];
  /** Pull request number → changed file names. */
  readonly pullFiles = new Map<number, string[]>();
  /** File name → its `patch` in the pull request files listing (unified diff hunks). */
  readonly pullPatches = new Map<string, string>();
  /** Pull request number → review comments (suggestions live here). */
  readonly reviewComments = new Map<number, ReviewComment[]>();
  /** Reviews the action posted (`pulls.createReview`), oldest first. */
  readonly postedReviews: Review[] = [];
  /** `path@ref` → file text, for the contents API. */
  readonly contents = new Map<string, string>();
  failures: Failure[] = [];
  /** Every POST/PATCH/PUT/DELETE answers 403, as with a fork pull request's read-only token. */
  readOnly = false;
  /** Pull request number → its reviews, oldest first (`pulls.listReviews`). */
  readonly reviews = new Map<number, { user: { login: string }; state: string; commit_id: string }[]>();
  /** `org/team` → member logins; a team not listed answers 403, as for a token that cannot read the organisation. */
  readonly teams = new Map<string, string[]>();
  /** Login GET /user answers with; null answers 403 as for an installation token. */
  viewer: string | null = null;
  /** The installation token's bot: writes comments and answers GraphQL `viewer` (null: GraphQL answers 403). */
  bot: string | null = 'github-actions[bot]';
  private server: Server | null = null;
  private nextId = 1000;

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests other than reads of comments and files, in order: what the action changed. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    this.requests.push(record);

    const failure = this.failures.find(
      (f) => f.times > 0 && f.path.test(record.path) && (!f.method || f.method === record.method),
    );
    if (failure) {
      failure.times -= 1;
      return send(res, failure.status, { message: failure.message ?? 'Server Error' }, failure.headers);
    }
    if (this.readOnly && record.method !== 'GET')
      return send(res, 403, { message: 'Resource not accessible by integration' });
    this.route(record, url, res);
  }

  private route(r: RecordedRequest, url: URL, res: ServerResponse): void {
    let m: RegExpExecArray | null;
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(r.path))) {
      const list = this.comments.get(Number(m[1])) ?? [];
      this.comments.set(Number(m[1]), list);
      if (r.method === 'GET') return this.page(res, url, list);
      const author = this.viewer
        ? { login: this.viewer, type: 'User' }
        : { login: this.bot ?? 'github-actions[bot]', type: 'Bot' };
      const comment = { id: this.nextId++, body: r.body.body, user: author };
      list.push(comment);
      return send(res, 201, comment);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(r.path)) && r.method === 'PATCH') {
      const comment = [...this.comments.values()].flat().find((c) => c.id === Number(m![1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      comment.body = r.body.body;
      return send(res, 200, comment);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments$/.exec(r.path)) && r.method === 'GET') {
      return this.page(res, url, this.reviewComments.get(Number(m[1])) ?? []);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/.exec(r.path)) && r.method === 'POST') {
      // As GitHub: every comment must sit on a line of the diff, or the whole review is refused.
      for (const c of r.body.comments ?? []) {
        const lines = diffLines(this.pullPatches.get(c.path) ?? '');
        const start = c.start_line ?? c.line;
        for (let l = start; l <= c.line; l++)
          if (!lines.has(l))
            return send(res, 422, { message: 'Unprocessable Entity', errors: ['line must be part of the diff'] });
      }
      const review = { id: this.nextId++, body: r.body.body, commit_id: r.body.commit_id, event: r.body.event };
      this.postedReviews.push(review);
      const list = this.reviewComments.get(Number(m[1])) ?? [];
      this.reviewComments.set(Number(m[1]), list);
      for (const c of r.body.comments ?? [])
        list.push({
          id: this.nextId++,
          review_id: review.id,
          user: { login: 'github-actions[bot]', type: 'Bot' },
          ...c,
        });
      return send(res, 200, review);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/comments\/(\d+)$/.exec(r.path))) {
      const id = Number(m[1]);
      for (const list of this.reviewComments.values()) {
        const index = list.findIndex((c) => c.id === id);
        if (index < 0) continue;
        if (r.method === 'DELETE') {
          list.splice(index, 1);
          res.writeHead(204).end();
          return;
        }
        list[index]!.body = r.body.body;
        return send(res, 200, list[index]);
      }
      return send(res, 404, { message: 'Not Found' });
    }
    if (/^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(r.path) && r.method === 'POST') {
      const run = { id: this.nextId++, created: r.body, updates: [] };
      this.checkRuns.push(run);
      return send(res, 201, { id: run.id, html_url: `https://github.example/runs/${run.id}` });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(r.path)) && r.method === 'PATCH') {
      const run = this.checkRuns.find((c) => c.id === Number(m![1]));
      if (!run) return send(res, 404, { message: 'Not Found' });
      run.updates.push(r.body);
      return send(res, 200, { id: run.id });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/.exec(r.path))) {
      const files = (this.pullFiles.get(Number(m[1])) ?? []).map((filename) => ({
        filename,
        status: 'modified',
        ...(this.pullPatches.has(filename) ? { patch: this.pullPatches.get(filename) } : {}),
      }));
      return this.page(res, url, files);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(r.path))) {
      const text = this.contents.get(`${m[1]}@${url.searchParams.get('ref') ?? ''}`);
      if (text === undefined) return send(res, 404, { message: 'Not Found' });
      return send(res, 200, {
        type: 'file',
        encoding: 'base64',
        path: m[1],
        content: Buffer.from(text).toString('base64'),
      });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/reviews$/.exec(r.path)) && r.method === 'GET') {
      return this.page(res, url, this.reviews.get(Number(m[1])) ?? []);
    }
    if ((m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(r.path)) && r.method === 'GET') {
      const members = this.teams.get(`${m[1]}/${m[2]}`);
      if (!members) return send(res, 403, { message: 'Resource not accessible by integration' });
      return members.includes(m[3]!)
        ? send(res, 200, { state: 'active', role: 'member' })
        : send(res, 404, { message: 'Not Found' });
    }
    if (r.path === '/graphql' && r.method === 'POST') {
      if (!this.bot || this.viewer)
        return this.viewer
          ? send(res, 200, { data: { viewer: { login: this.viewer } } })
          : send(res, 403, { message: 'Resource not accessible by integration' });
      return send(res, 200, { data: { viewer: { login: this.bot } } });
    }
    if (r.path === '/user' && r.method === 'GET') {
      return this.viewer
        ? send(res, 200, { login: this.viewer })
        : send(res, 403, { message: 'Resource not accessible by integration' });
    }
    send(res, 404, { message: 'Not Found' });
  }

  private page(res: ServerResponse, url: URL, items: readonly unknown[]): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    send(res, 200, slice, headers);
  }
}

/** Right-hand line numbers a patch shows (added and context lines): where review comments may go. */
function diffLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let next = 0;
  for (const row of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(row);
    if (hunk) next = Number(hunk[1]);
    else if (next > 0 && !row.startsWith('-') && !row.startsWith('\\')) lines.add(next++);
  }
  return lines;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
