import type { IncomingMessage } from 'node:http';
import { KmsError } from './errors.js';

/** A gateway request reduced to what the handlers need. */
export interface GatewayRequest {
  method: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Decoded form-body parameters. */
  form: Record<string, string>;
  /** Query and form merged (what V1 signs). */
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: Buffer;
  host: string;
}

const MAX_BODY = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new KmsError('InvalidParameter', 'The request body is larger than 3 MB.', 413));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decodeForm(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // URLSearchParams decodes `+` as a space, which is what Go's query encoding needs.
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}

export async function parseGatewayRequest(req: IncomingMessage): Promise<GatewayRequest> {
  const body = await readBody(req);
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const query = q >= 0 ? decodeForm(url.slice(q + 1)) : {};
  const type = String(req.headers['content-type'] ?? '');
  const form =
    body.length && (type === '' || type.includes('application/x-www-form-urlencoded'))
      ? decodeForm(body.toString('utf8'))
      : {};
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    query,
    form,
    params: { ...query, ...form },
    headers: req.headers,
    body,
    host: String(req.headers.host ?? ''),
  };
}
