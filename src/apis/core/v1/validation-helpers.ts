/**
 * String checks from apimachinery `pkg/util/validation/validation.go` that core validation needs
 * beyond the name checks meta/v1 provides. Each returns the list of messages, empty when valid,
 * with apimachinery's exact wording.
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net';
import { inclusiveRangeError, maxLenError, regexError } from '../../meta/v1/index.js';

/** `hasChDirPrefix`. */
function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** `IsValidPortNum`: 1–65535. */
export function isValidPortNum(port: number): string[] {
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return [];
  return [inclusiveRangeError(1, 65535)];
}

/** `IsValidPortName`: an IANA_SVC_NAME. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

const envVarNameFmt = '[-._a-zA-Z][-._a-zA-Z0-9]*';
/** `IsEnvVarName` (strict, before RelaxedEnvironmentVariableValidation). */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!new RegExp(`^${envVarNameFmt}$`).test(value)) {
    errs.push(regexError(
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
      envVarNameFmt, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  }
  return [...errs, ...hasChDirPrefix(value)];
}

/** `IsRelaxedEnvVarName` (RelaxedEnvironmentVariableValidation, on by default since 1.32). */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c < 32 || c > 126 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

const configMapKeyFmt = '[-._a-zA-Z0-9]+';
/** `IsConfigMapKey`: keys of ConfigMap/Secret data and of key selectors. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!new RegExp(`^${configMapKeyFmt}$`).test(value)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
      configMapKeyFmt, 'key.name', 'KEY_NAME', 'key-name'));
  }
  return [...errs, ...hasChDirPrefix(value)];
}

const httpHeaderNameFmt = '[-A-Za-z0-9]+';
/** `IsHTTPHeaderName`. */
export function isHTTPHeaderName(value: string): string[] {
  if (new RegExp(`^${httpHeaderNameFmt}$`).test(value)) return [];
  return [regexError("a valid HTTP header must consist of alphanumeric characters or '-'", httpHeaderNameFmt, 'X-Header-Name')];
}

/** `IsValidUserID` / `IsValidGroupID`: 0–2147483647. */
export function isValidUserID(id: number): string[] {
  return Number.isInteger(id) && id >= 0 && id <= 2147483647 ? [] : [inclusiveRangeError(0, 2147483647)];
}
export const isValidGroupID = isValidUserID;

/** `netutils.ParseIPSloppy`: IPv4 octets may carry leading zeros. Returns 4, 6 or 0. */
export function ipFamilyOf(value: string): 4 | 6 | 0 {
  if (typeof value !== 'string' || value.length === 0) return 0;
  if (isIPv6(value)) return 6;
  const parts = value.split('.');
  if (parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p))) {
    const sloppy = parts.map((p) => String(Number.parseInt(p, 10))).join('.');
    if (isIPv4(sloppy)) return 4;
  }
  return 0;
}

/** `IsValidIP` message (the caller wraps it in field.invalid). */
export const invalidIPMessage = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
/** `IsValidCIDR` message. */
export const invalidCIDRMessage = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** True for a valid CIDR (IPv4 with sloppy octets, or IPv6). */
export function isValidCIDR(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const fam = ipFamilyOf(value.slice(0, slash));
  const bits = value.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  return (fam === 4 && n <= 32) || (fam === 6 && n <= 128);
}

/**
 * `ValidateNonSpecialIP` checks on an already valid IP: unspecified, loopback, link-local
 * unicast and link-local multicast ranges are rejected. Returns messages.
 */
export function nonSpecialIPMessages(ip: string): string[] {
  const fam = ipFamilyOf(ip);
  if (fam === 0) return ['must be a valid IP address'];
  const errs: string[] = [];
  if (fam === 4) {
    const o = ip.split('.').map((p) => Number.parseInt(p, 10));
    if (o.every((x) => x === 0)) errs.push(`may not be unspecified (${ip})`);
    if (o[0] === 127) errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
    if (o[0] === 169 && o[1] === 254) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    if (o[0] === 224 && o[1] === 0 && o[2] === 0) errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  } else {
    const lower = ip.toLowerCase();
    if (lower === '::' || /^0*(:0*)*::?$/.test(lower) || lower === '0:0:0:0:0:0:0:0') errs.push(`may not be unspecified (${ip})`);
    if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
    if (/^fe[89ab][0-9a-f]:/.test(lower)) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    if (/^ff[0-9a-f]2:/.test(lower)) errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  }
  return errs;
}
