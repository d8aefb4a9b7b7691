// A pass-through HTTP proxy in front of the test S3 server that can answer chosen requests itself:
// how the tests get "a server that lacks a feature" (R2 without object tagging, a store without
// ACLs) while every other request still reaches real S3. Signatures stay valid because the Host
// header the client signed is forwarded unchanged.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The proxy's own answer, or `'cut'`: the connection drops as if the server died mid-request. */
export type InjectedResponse = { status: number; body: string; headers?: Record<string, string> } | 'cut';

/** Decides per request: the proxy's own answer, or undefined to pass it through (after any side effect awaited here). */
export type ProxyAnswer = (request: http.IncomingMessage) => InjectedResponse | undefined | Promise<InjectedResponse | undefined>;

export interface FeatureProxy {
  url: string;
  /** Requests answered by the proxy itself, as "METHOD path?query". */
  readonly injected: string[];
  /** Every request the proxy received, as "METHOD path?query" (for counting what a feature costs). */
  readonly requests: string[];
  /** TCP connections clients opened to the proxy (kept-alive connections count once). */
  readonly connections: number;
  close(): Promise<void>;
}

/** S3's XML error document. */
export function s3ErrorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

/** Headers to add to a passed-through response (a feature the server does not report, such as SSE-S3 on RGW 16). */
export type ExtraHeaders = (request: http.IncomingMessage) => Record<string, string> | undefined;

export async function startFeatureProxy(upstream: string, answer: ProxyAnswer = () => undefined, extraHeaders: ExtraHeaders = () => undefined): Promise<FeatureProxy> {
  const target = new URL(upstream);
  const injected: string[] = [];
  const requests: string[] = [];
  const server = http.createServer(async (request, response) => {
    requests.push(`${request.method} ${request.url}`);
    // The body stays paused while `answer` awaits, so nothing is lost before it is piped on.
    request.pause();
    const own = await answer(request);
    if (own) {
      injected.push(`${request.method} ${request.url}`);
      if (own === 'cut') {
        request.socket.destroy();
        return;
      }
      request.resume();
      response.writeHead(own.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(own.body), ...own.headers });
      response.end(own.body);
      return;
    }
    const forwarded = http.request({ hostname: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers }, (upstreamResponse) => {
      response.writeHead(upstreamResponse.statusCode ?? 502, { ...upstreamResponse.headers, ...extraHeaders(request) });
      upstreamResponse.pipe(response);
    });
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  let connections = 0;
  server.on('connection', () => connections++);
  // Bound before the URL is handed out, so nothing else can take the port in between.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    injected,
    requests,
    get connections() {
      return connections;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
