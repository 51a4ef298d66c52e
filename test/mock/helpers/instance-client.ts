import { Agent, request } from 'node:https';
import { type DkmsMessage, decodeMessage, encodeMessage } from '../../../src/protocol/dkms-messages.js';
import { signDkmsRequest } from '../../../src/protocol/dkms-signature.js';

export interface InstanceReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  message: DkmsMessage;
}

export interface CallOptions {
  endpoint: string;
  ca?: string;
  clientKeyId: string;
  privateKeyPem: string;
  date?: Date;
  extraHeaders?: Record<string, string>;
  /**
   * The connection to send on. By default one kept-alive connection per endpoint and CA, as the SDKs
   * keep theirs: the instance face refuses the same signed request arriving on another connection
   * (a replay), and two identical calls in one second are signed identically. `false` opens a new one.
   */
  agent?: Agent | false;
  /** Receives the signed request as sent (replay tests). */
  onSigned?: (headers: Record<string, string>, body: Buffer) => void;
  /** Changes the request after signing (tamper tests). */
  tamper?: (
    headers: Record<string, string>,
    body: Buffer,
  ) => { headers: Record<string, string>; body: Buffer };
}

/** A minimal dkms-gcs-0.2 client over the protocol helpers, for tests. */
export function callInstance(apiName: string, req: DkmsMessage, o: CallOptions): Promise<InstanceReply> {
  let body = encodeMessage(`${apiName}Request`, req);
  let headers = signDkmsRequest({
    apiName,
    body,
    clientKeyId: o.clientKeyId,
    privateKey: o.privateKeyPem,
    host: o.endpoint,
    date: o.date,
    extraHeaders: o.extraHeaders,
  });
  if (o.tamper) ({ headers, body } = o.tamper(headers, body));
  o.onSigned?.(headers, body);
  return sendSigned(apiName, headers, body, o);
}

const keptAlive = new Agent({ keepAlive: true });

/** Sends an already signed request as is (also to replay one). */
export function sendSigned(
  apiName: string,
  headers: Record<string, string>,
  body: Buffer,
  o: Pick<CallOptions, 'endpoint' | 'ca' | 'agent'>,
): Promise<InstanceReply> {
  const [host, port] = o.endpoint.split(':');
  return new Promise((resolve, reject) => {
    const r = request(
      { host, port: Number(port), method: 'POST', path: '/', headers, ca: o.ca, agent: o.agent ?? keptAlive },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const status = res.statusCode ?? 0;
          const name = status >= 400 ? 'Error' : `${apiName}Response`;
          resolve({ status, headers: res.headers, message: decodeMessage(name, raw) });
        });
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}
