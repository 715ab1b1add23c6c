import { webcrypto, randomBytes, X509Certificate } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type * as X509 from '@peculiar/x509';

/**
 * The server's credentials, generated into `<dataDir>/pki` on first start and reused after:
 * a CA, a serving certificate for the listen address, an admin client certificate
 * (`O=system:masters`) and an admin bearer token. ECDSA P-256 keeps generation to milliseconds.
 */
export interface Pki {
  caCertPem: string;
  servingCertPem: string;
  servingKeyPem: string;
  adminCertPem: string;
  adminKeyPem: string;
  adminToken: string;
}

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const validityMs = 10 * 365 * 24 * 3600 * 1000;
const files = {
  caCertPem: 'ca.crt',
  caKeyPem: 'ca.key',
  servingCertPem: 'serving.crt',
  servingKeyPem: 'serving.key',
  adminCertPem: 'admin.crt',
  adminKeyPem: 'admin.key',
  adminToken: 'admin.token',
} as const;

let x509Module: Promise<typeof X509> | undefined;

/**
 * @peculiar/x509, loaded only when a certificate must be made: most starts reuse the PKI on disk
 * and so skip loading it (with its ASN.1 schemas, a large share of start-up time).
 */
function loadX509(): Promise<typeof X509> {
  x509Module ??= (async () => {
    // It resolves its ASN.1 schemas through tsyringe, which needs the Reflect metadata API.
    await import('reflect-metadata');
    const x509 = await import('@peculiar/x509');
    x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
    return x509;
  })();
  return x509Module;
}

/**
 * Loads the PKI from `dir`, creating what is missing. The serving certificate is reissued when
 * it does not cover every name in `hosts` (so a new `--listen` address just works).
 */
export async function ensurePki(dir: string, hosts: string[]): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const read = async (name: string) => readFile(join(dir, name), 'utf8').catch(() => undefined);
  const write = async (name: string, data: string) => {
    const tmp = join(dir, `.${name}.tmp`);
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, join(dir, name));
  };

  let caCertPem = await read(files.caCertPem);
  let caKeyPem = await read(files.caKeyPem);
  let caChanged = false;
  if (!caCertPem || !caKeyPem) {
    const x509 = await loadX509();
    const keys = await generateKeys();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: 'CN=podyard-ca',
      notBefore: new Date(Date.now() - 60_000),
      notAfter: new Date(Date.now() + validityMs),
      signingAlgorithm: alg,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    caCertPem = cert.toString('pem') + '\n';
    caKeyPem = await exportKey(keys.privateKey);
    await write(files.caKeyPem, caKeyPem);
    await write(files.caCertPem, caCertPem);
    caChanged = true;
  }
  const caPem = caCertPem;
  const ca = async () => ({ cert: new (await loadX509()).X509Certificate(caPem), key: await importKey(caKeyPem) });

  let servingCertPem = await read(files.servingCertPem);
  let servingKeyPem = await read(files.servingKeyPem);
  if (caChanged || !servingCertPem || !servingKeyPem || !coversHosts(servingCertPem, hosts)) {
    const names = [...new Set(['localhost', '127.0.0.1', 'kubernetes', 'kubernetes.default', ...hosts])];
    const issued = await issue(await ca(), 'CN=podyard-apiserver', ['serverAuth'], names);
    [servingCertPem, servingKeyPem] = [issued.certPem, issued.keyPem];
    await write(files.servingKeyPem, servingKeyPem);
    await write(files.servingCertPem, servingCertPem);
  }

  let adminCertPem = await read(files.adminCertPem);
  let adminKeyPem = await read(files.adminKeyPem);
  if (caChanged || !adminCertPem || !adminKeyPem) {
    const issued = await issue(await ca(), 'CN=podyard-admin, O=system:masters', ['clientAuth'], []);
    [adminCertPem, adminKeyPem] = [issued.certPem, issued.keyPem];
    await write(files.adminKeyPem, adminKeyPem);
    await write(files.adminCertPem, adminCertPem);
  }

  let adminToken = (await read(files.adminToken))?.trim();
  if (!adminToken) {
    adminToken = randomBytes(32).toString('base64url');
    await write(files.adminToken, adminToken + '\n');
  }
  return { caCertPem, servingCertPem, servingKeyPem, adminCertPem, adminKeyPem, adminToken };
}

async function issue(
  ca: { cert: X509.X509Certificate; key: CryptoKey },
  subject: string,
  usages: ('serverAuth' | 'clientAuth')[],
  names: string[],
): Promise<{ certPem: string; keyPem: string }> {
  const x509 = await loadX509();
  const keys = await generateKeys();
  const extensions: X509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension(usages.map((u) => x509.ExtendedKeyUsage[u])),
    await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
  ];
  if (names.length > 0) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        names.map((n) => (isIp(n) ? { type: 'ip' as const, value: n } : { type: 'dns' as const, value: n })),
      ),
    );
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + validityMs),
    signingAlgorithm: alg,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions,
  });
  return { certPem: cert.toString('pem') + '\n', keyPem: await exportKey(keys.privateKey) };
}

function coversHosts(certPem: string, hosts: string[]): boolean {
  const cert = new X509Certificate(certPem);
  if (new Date(cert.validTo).getTime() < Date.now() + 24 * 3600 * 1000) return false;
  return hosts.every((h) => (isIp(h) ? cert.checkIP(h) !== undefined : cert.checkHost(h) !== undefined));
}

function isIp(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

function serial(): string {
  return '01' + randomBytes(15).toString('hex');
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']));
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64.trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, alg, true, ['sign']);
}
