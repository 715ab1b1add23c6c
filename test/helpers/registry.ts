/**
 * Real registries for tests: Debian's `docker-registry` (the reference distribution server,
 * 2.8) on 127.0.0.1 with a free port in a temp dir — anonymous, htpasswd (Basic) or token
 * (Bearer) auth — plus a tiny token server issuing RS256 JWTs the registry verifies through an
 * `x5c` certificate chain, and `pushTestImages` (skopeo from the offline test image archives).
 * Several registries may serve one storage directory, so images are pushed once.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSign, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './eventually.js';
import { imageCache } from './images.js';

const run = promisify(execFile);

/** Why registry tests cannot run here (missing tools or images), or undefined. */
export function registryTestsUnavailable(images: string[] = ['busybox']): string | undefined {
  if (process.env.CI === 'true') return undefined;
  for (const tool of ['/usr/bin/docker-registry', '/usr/bin/skopeo', '/usr/bin/htpasswd', '/usr/bin/openssl']) {
    if (!existsSync(tool)) return `needs ${tool}`;
  }
  const manifest = join(imageCache, 'manifest.json');
  if (!existsSync(manifest)) return 'test images not built: run test/images/build.sh';
  const doc = JSON.parse(readFileSync(manifest, 'utf8')) as { images: { name: string }[] };
  const missing = images.filter((i) => !doc.images.some((x) => x.name === i));
  if (missing.length) return `test images not built (${missing.join(', ')}): run test/images/build.sh`;
  return undefined;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A running docker-registry. */
export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** The storage root (share it with another registry through `storageDir`). */
  storageDir: string;
  dir: string;
  output(): string;
  stop(): Promise<void>;
}

/** How a test registry authenticates. */
export type RegistryAuth =
  | { htpasswd: { username: string; password: string } }
  | { token: { realm: string; service: string; issuer: string; certPath: string } };

/** Starts `docker-registry serve` on a free loopback port and waits until it answers `/v2/`. */
export async function startRegistry(options: { storageDir?: string; auth?: RegistryAuth } = {}): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'podyard-registry-'));
  const storageDir = options.storageDir ?? join(dir, 'data');
  const port = await freePort();
  let auth = '';
  if (options.auth && 'htpasswd' in options.auth) {
    const { username, password } = options.auth.htpasswd;
    const { stdout } = await run('/usr/bin/htpasswd', ['-Bbn', username, password]);
    await writeFile(join(dir, 'htpasswd'), stdout);
    auth = `auth:\n  htpasswd:\n    realm: podyard-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (options.auth && 'token' in options.auth) {
    const t = options.auth.token;
    auth = `auth:\n  token:\n    realm: ${t.realm}\n    service: ${t.service}\n    issuer: ${t.issuer}\n    rootcertbundle: ${t.certPath}\n`;
  }
  const config = `version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: ${storageDir}}
  delete: {enabled: true}
http: {addr: 127.0.0.1:${port}, secret: ${randomBytes(8).toString('hex')}}
${auth}`;
  await writeFile(join(dir, 'config.yml'), config);
  const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const host = `127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`docker-registry exited: ${out}`);
      const status = await httpStatus(`http://${host}/v2/`);
      if (status !== 200 && status !== 401) throw new Error(`registry /v2/ answered ${status}`);
    },
    { timeoutMs: 15_000, intervalMs: 50 },
  );
  return {
    host,
    storageDir,
    dir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Pushes test images into `host` under their Docker Hub paths (as test/images/push.sh does,
 * without building): docker-archives for single-platform images, the OCI index with `--all`
 * for busybox-multi. Returns the paths pushed (`library/busybox:latest`, …).
 */
export async function pushTestImages(host: string, images: string[], options: { creds?: string } = {}): Promise<string[]> {
  const doc = JSON.parse(await readFile(join(imageCache, 'manifest.json'), 'utf8')) as {
    images: { name: string; names: string[]; ociArchive: string; dockerArchive: string | null; mediaType: string }[];
  };
  const pushed: string[] = [];
  for (const name of images) {
    const entry = doc.images.find((i) => i.name === name);
    if (!entry) throw new Error(`test image ${name} is not built`);
    const all = entry.mediaType === 'application/vnd.oci.image.index.v1+json' ? ['--all'] : [];
    for (const ref of entry.names.filter((n) => n.startsWith('docker.io/'))) {
      const path = ref.slice('docker.io/'.length);
      const src = entry.dockerArchive ? `docker-archive:${entry.dockerArchive}:${ref}` : `oci-archive:${entry.ociArchive}:${ref}`;
      const creds = options.creds ? ['--dest-creds', options.creds] : [];
      await run('/usr/bin/skopeo', ['copy', '--quiet', '--dest-tls-verify=false', ...creds, ...all, src, `docker://${host}/${path}`], { maxBuffer: 1 << 24 });
      pushed.push(path);
    }
  }
  return pushed;
}

/** A token server for the Bearer flow. */
export interface TestTokenServer {
  /** `http://127.0.0.1:PORT/token` */
  realm: string;
  service: string;
  issuer: string;
  /** The certificate the registry trusts (`rootcertbundle`). */
  certPath: string;
  /** Every token request: the query and the user it authenticated (or `''` for anonymous). */
  requests: { scope: string; service: string; user: string }[];
  close(): Promise<void>;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * Starts a token server (docker/distribution docs/spec/auth/token.md): `GET /token?service=…&
 * scope=repository:NAME:ACTIONS` with Basic credentials from `users` (anonymous requests are
 * refused when `users` is set) answers `{"token": JWT, "expires_in": 300}` granting the asked
 * actions. The JWT is RS256-signed with a fresh self-signed certificate sent in `x5c`.
 */
export async function startTokenServer(options: { users?: Record<string, string> } = {}): Promise<TestTokenServer> {
  const dir = await mkdtemp(join(tmpdir(), 'podyard-token-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const r = spawnSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=podyard-test-token', '-days', '2', '-keyout', keyPath, '-out', certPath], { stdio: 'pipe' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr.toString()}`);
  const keyPem = await readFile(keyPath, 'utf8');
  const certDer = Buffer.from((await readFile(certPath, 'utf8')).replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const service = 'podyard-test-registry';
  const issuer = 'podyard-test-issuer';
  const requests: TestTokenServer['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    let user = '';
    const authz = req.headers.authorization ?? '';
    if (authz.startsWith('Basic ')) {
      const [u, ...p] = Buffer.from(authz.slice(6), 'base64').toString().split(':');
      if (!options.users || options.users[u ?? ''] !== p.join(':')) {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"incorrect username or password"}');
        return;
      }
      user = u ?? '';
    } else if (options.users) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"authentication required"}');
      return;
    }
    const scopes = url.searchParams.getAll('scope');
    requests.push({ scope: scopes.join(' '), service: url.searchParams.get('service') ?? '', user });
    const access = scopes.flatMap((s) => {
      const m = /^repository:(.+):([a-z,*]+)$/.exec(s);
      return m ? [{ type: 'repository', name: m[1], actions: m[2]!.split(',') }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer.toString('base64')] };
    const claims = { iss: issuer, sub: user, aud: url.searchParams.get('service') ?? service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = createSign('RSA-SHA256').update(input).sign(keyPem);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: `${input}.${b64url(signature)}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    requests,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
