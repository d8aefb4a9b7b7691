// A local stand-in for AWS STS (none exists here): answers AssumeRole with the credentials it was
// given, in STS's own XML, and records every request so a test can check what the SDK sent (role,
// MFA serial and code, the signing key). It checks nothing itself: a test asserts on `requests`.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface StsRequest {
  /** The form parameters of the query-protocol request (Action, RoleArn, SerialNumber, TokenCode…). */
  params: Record<string, string>;
  authorization: string;
}

export interface StsStandIn {
  url: string;
  readonly requests: StsRequest[];
  close(): Promise<void>;
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function startStsStandIn(issued: IssuedCredentials, { delayMs = 0 } = {}): Promise<StsStandIn> {
  const requests: StsRequest[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      requests.push({ params, authorization: String(request.headers.authorization ?? '') });
      if (params.Action !== 'AssumeRole') {
        response.writeHead(400, { 'content-type': 'text/xml' });
        response.end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Only AssumeRole is served here.</Message></Error></ErrorResponse>`);
        return;
      }
      const expiration = new Date(Date.now() + Number(params.DurationSeconds ?? 3600) * 1000).toISOString();
      const xml = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <AssumedRoleId>AROASTANDIN:${xmlEscape(params.RoleSessionName ?? '')}</AssumedRoleId>
      <Arn>${xmlEscape(params.RoleArn ?? '')}/${xmlEscape(params.RoleSessionName ?? '')}</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${xmlEscape(issued.accessKeyId)}</AccessKeyId>
      <SecretAccessKey>${xmlEscape(issued.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${xmlEscape(issued.sessionToken)}</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>s3b-sts-stand-in</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;
      // A slow STS keeps the role being assumed while other requests arrive, as over a real network.
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
        response.end(xml);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
