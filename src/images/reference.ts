/**
 * Image references, normalised the way Docker, containerd and the kubelet do: the grammar and
 * rules of github.com/distribution/reference (regexp.go, reference.go, normalize.go), with
 * containerd's `ParseDockerRef` on top (a name alone gets `:latest`; a tag next to a digest is
 * dropped, the digest wins).
 *
 *   nginx                       → docker.io/library/nginx:latest
 *   user/app:1.2                → docker.io/user/app:1.2
 *   host:5000/x@sha256:…        → host:5000/x@sha256:…
 *   localhost/podyard/nginx     → localhost/podyard/nginx:latest
 */
import { ImageError } from './errors.js';

// Grammar pieces, named as in distribution/reference regexp.go.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;
const tagRegexp = new RegExp(`^${tagPat}$`);

/** Hex lengths of the digest algorithms go-digest registers (what `digest.Parse` accepts). */
const digestHexLength: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const legacyDefaultDomain = 'index.docker.io';
const defaultDomain = 'docker.io';
const officialRepoPrefix = 'library/';
const defaultTag = 'latest';
const repositoryNameTotalLengthMax = 255;

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** Registry host (and port): `docker.io`, `localhost`, `host:5000`. */
  readonly domain: string;
  /** Repository path inside the registry: `library/nginx`. */
  readonly path: string;
  /** `domain/path`: `docker.io/library/nginx`. */
  readonly repository: string;
  /** The tag, absent when the reference has a digest. */
  readonly tag?: string;
  /** The digest (`sha256:…`), when the reference is pinned. */
  readonly digest?: string;
  /** The normalised reference: `repository:tag` or `repository@digest`. */
  readonly string: string;
}

function invalid(ref: string, why: string): ImageError {
  return new ImageError('InvalidImageName', `couldn't parse image name "${ref}": ${why}`);
}

/** distribution/reference splitDockerDomain: which part of a familiar name is the registry. */
function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const slash = name.indexOf('/');
  if (slash < 0) return [defaultDomain, officialRepoPrefix + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remainder: string;
  if (maybeDomain === 'localhost') [domain, remainder] = [maybeDomain, maybeRemote];
  else if (maybeDomain === legacyDefaultDomain) [domain, remainder] = [defaultDomain, maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remainder] = [maybeDomain, maybeRemote];
  // Uppercase namespaces are not allowed, so an uppercase first element must be a domain.
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remainder] = [maybeDomain, maybeRemote];
  else [domain, remainder] = [defaultDomain, name];
  if (domain === defaultDomain && !remainder.includes('/')) remainder = officialRepoPrefix + remainder;
  return [domain, remainder];
}

/** go-digest's Parse/Validate: a registered algorithm with lowercase hex of the right length. */
function validDigest(digest: string): boolean {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = digestHexLength[algorithm];
  return length !== undefined && hex.length === length && /^[a-f0-9]+$/.test(hex);
}

/**
 * Parses and normalises `ref` (distribution/reference `ParseNormalizedNamed` followed by
 * containerd's `ParseDockerRef`). Throws {@link ImageError} `InvalidImageName` for a reference the
 * grammar rejects, with the reason distribution/reference gives.
 */
export function parseReference(ref: string): ImageReference {
  if (ref === '') throw invalid(ref, 'repository name must have at least one component');
  if (anchoredIdentifierRegexp.test(ref)) {
    throw invalid(ref, `invalid repository name (${ref}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(ref);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep >= 0 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    throw invalid(ref, `invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const full = `${domain}/${remainder}`;
  const match = referenceRegexp.exec(full);
  if (!match) {
    const lower = full.toLowerCase();
    if (lower !== full && referenceRegexp.test(lower)) throw invalid(ref, 'repository name must be lowercase');
    throw invalid(ref, 'invalid reference format');
  }
  const name = match[1]!;
  const nameMatch = anchoredNameRegexp.exec(name);
  const repoDomain = nameMatch?.[1] ?? '';
  const path = nameMatch?.[2] ?? name;
  if (path.length > repositoryNameTotalLengthMax) {
    throw invalid(ref, `repository name must not be more than ${repositoryNameTotalLengthMax} characters`);
  }
  const digest = match[3];
  if (digest !== undefined && !validDigest(digest)) throw invalid(ref, 'invalid digest format');
  const repository = repoDomain === '' ? path : `${repoDomain}/${path}`;
  if (digest !== undefined) {
    return { domain: repoDomain, path, repository, digest, string: `${repository}@${digest}` };
  }
  const tag = match[2] ?? defaultTag;
  return { domain: repoDomain, path, repository, tag, string: `${repository}:${tag}` };
}

/** The normalised form of `ref` (see {@link parseReference}); throws `InvalidImageName`. */
export function normalizeReference(ref: string): string {
  return parseReference(ref).string;
}

/** Whether `tag` is a valid tag (`[\w][\w.-]{0,127}`). */
export function isValidTag(tag: string): boolean {
  return tagRegexp.test(tag);
}

/**
 * The short form Docker prints (`nginx:latest`, `user/app:1.2`, `host:5000/x@sha256:…`):
 * `docker.io/` and a single-level `library/` are dropped.
 */
export function familiarString(ref: ImageReference): string {
  let repository = ref.repository;
  if (ref.domain === defaultDomain) {
    repository = ref.path;
    const rest = repository.slice(officialRepoPrefix.length);
    if (repository.startsWith(officialRepoPrefix) && !rest.includes('/')) repository = rest;
  }
  return ref.digest !== undefined ? `${repository}@${ref.digest}` : `${repository}:${ref.tag ?? defaultTag}`;
}
