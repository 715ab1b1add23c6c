import type { ServerResponse } from 'node:http';
import { type Status, StatusError } from '../apis/index.js';

/** Writes a JSON body with the given code. */
export function writeJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(data),
    ...headers,
  });
  res.end(data);
}

/** Writes a `Status` with its own code as the HTTP status. */
export function writeStatus(res: ServerResponse, status: Status): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeJson(res, status.code ?? 500, status);
}

/** The 404 for a path no API serves (`the server could not find the requested resource`). */
export function notFoundPath(): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: {},
    code: 404,
  });
}
