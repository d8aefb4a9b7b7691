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

export interface ProxyOptions {
  /**
   * Buckets made to live in a region, as AWS places them: a request for one of them (path-style)
   * signed for any other region is refused as AWS refuses it (HeadBucket: 301 with
   * x-amz-bucket-region; anything else: 400 AuthorizationHeaderMalformed, or
   * AuthorizationQueryParametersError for a presigned URL, naming the region), and HeadBucket
   * reports the region. The test server itself accepts any region a request was signed for.
   */
  bucketRegions?: Record<string, string>;
}

/** The region a SigV4 request was signed for: its credential scope `AKID/DATE/REGION/s3/aws4_request`. */
function signedRegion(request: http.IncomingMessage): { region: string; presigned: boolean } | undefined {
  const header = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/s3\/aws4_request/.exec(String(request.headers.authorization ?? ''));
  if (header) {
    return { region: header[1], presigned: false };
  }
  const query = new URL(request.url ?? '', 'http://proxy').searchParams.get('X-Amz-Credential')?.split('/')[2];
  return query ? { region: query, presigned: true } : undefined;
}

/** The path-style bucket of a request, and whether it names nothing below it (a bucket request). */
function pathBucket(request: http.IncomingMessage): { bucket: string; bucketOnly: boolean } {
  const [bucket = '', ...rest] = new URL(request.url ?? '', 'http://proxy').pathname.slice(1).split('/');
  return { bucket: decodeURIComponent(bucket), bucketOnly: rest.join('/') === '' };
}

/** AWS's refusal of a request signed for another region than its bucket's, if it is one. */
function wrongRegion(request: http.IncomingMessage, bucketRegions: Record<string, string>): InjectedResponse | undefined {
  const { bucket, bucketOnly } = pathBucket(request);
  const region = Object.hasOwn(bucketRegions, bucket) ? bucketRegions[bucket] : undefined;
  const signed = signedRegion(request);
  if (region === undefined || signed === undefined || signed.region === region) {
    return undefined;
  }
  const headers = { 'x-amz-bucket-region': region };
  if (request.method === 'HEAD' && bucketOnly) {
    return { status: 301, body: '', headers };
  }
  const code = signed.presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed';
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>The authorization header is malformed; the region '${signed.region}' is wrong; expecting '${region}'</Message><Region>${region}</Region></Error>`;
  return { status: 400, body, headers };
}

export async function startFeatureProxy(upstream: string, answer: ProxyAnswer = () => undefined, extraHeaders: ExtraHeaders = () => undefined, options: ProxyOptions = {}): Promise<FeatureProxy> {
  const target = new URL(upstream);
  const injected: string[] = [];
  const requests: string[] = [];
  const bucketRegions = options.bucketRegions ?? {};
  const server = http.createServer(async (request, response) => {
    requests.push(`${request.method} ${request.url}`);
    // The body stays paused while `answer` awaits, so nothing is lost before it is piped on.
    request.pause();
    const own = wrongRegion(request, bucketRegions) ?? (await answer(request));
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
      const { bucket, bucketOnly } = pathBucket(request);
      // AWS names the region of a bucket in every HeadBucket answer.
      const region = request.method === 'HEAD' && bucketOnly && Object.hasOwn(bucketRegions, bucket) ? { 'x-amz-bucket-region': bucketRegions[bucket] } : undefined;
      response.writeHead(upstreamResponse.statusCode ?? 502, { ...upstreamResponse.headers, ...region, ...extraHeaders(request) });
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
