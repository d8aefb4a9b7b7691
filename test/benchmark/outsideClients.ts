// The bare SDK in plain Node, measured from inside the extension host: the benchmark's own process
// serves its SDK clients on a loopback port, and the host times each run as one request to it. So
// the same SDK code runs outside the host and inside it in alternating runs, under the same load
// (code-server and its browser running), and their ratio is the host's share of a gap.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TransferClient } from './transferScenarios';

type Method = 'uploadFile' | 'downloadFile' | 'uploadFolder' | 'downloadFolder' | 'copyPrefix' | 'deletePrefix';
const METHODS: Method[] = ['uploadFile', 'downloadFile', 'uploadFolder', 'downloadFolder', 'copyPrefix', 'deletePrefix'];

interface Call {
  clientId: string;
  method: Method;
  args: string[];
}

/** Serves `clients` (by id) until closed; returns the URL the host posts its runs to. */
export async function serveClients(clients: TransferClient[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const call = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Call;
      const client = clients.find((candidate) => candidate.id === call.clientId);
      const method = client?.[call.method] as ((...args: string[]) => Promise<void>) | undefined;
      const done = method ? method.apply(client, call.args) : Promise.reject(new Error(`no ${call.method} on ${call.clientId}`));
      done.then(
        () => response.writeHead(204).end(),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message ?? String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function post(url: string, call: Call): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => (response.statusCode === 204 ? resolve() : reject(new Error(Buffer.concat(chunks).toString('utf8')))));
    });
    request.on('error', reject);
    request.end(JSON.stringify(call));
  });
}

/** A client whose every run is done by the client of that id in the process serving `url`. */
export function outsideClient(url: string, clientId: string, name: string): TransferClient {
  const client: TransferClient = { id: `${clientId}-outside`, name };
  for (const method of METHODS) {
    client[method] = ((...args: string[]) => post(url, { clientId, method, args })) as never;
  }
  return client;
}
