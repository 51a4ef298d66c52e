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
/** How much of an over-limit body is read and dropped before the connection is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** The client closed its connection before its request was read: there is nobody to answer. */
export class ClientGone extends Error {
  constructor(
    /** `address:port`, taken while the socket was still open. */
    readonly peer: string,
    why: string,
  ) {
    super(why);
  }
}

/** One log line for a client that went away (never a stack trace: it is not the mock's fault). */
export function clientGoneLine(face: string, err: ClientGone): string {
  return `${face}: client ${err.peer} disconnected before its request was read (${err.message})`;
}

/**
 * Reads the request body. Past `limit` it rejects with the 413 the caller sends, and keeps reading
 * and dropping the rest so the client finishes its upload and reads that answer (a socket cut
 * mid-upload reaches the client as a connection reset). A client that disconnects is `ClientGone`.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  const peer = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (over) {
        if (size > DRAIN_LIMIT) req.destroy();
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(
          new KmsError(
            'InvalidParameter',
            `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB.`,
            413,
          ),
        );
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', (err: NodeJS.ErrnoException) => reject(new ClientGone(peer, err.code ?? err.message)));
    req.on('close', () => {
      if (!req.complete) reject(new ClientGone(peer, 'connection closed'));
    });
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
