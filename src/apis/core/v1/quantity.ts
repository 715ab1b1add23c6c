/**
 * `resource.Quantity` parsing, comparison and canonical formatting, after apimachinery
 * `pkg/api/resource/quantity.go`, `suffix.go` and `amount.go`.
 *
 * A quantity is held exactly as `mantissa × 10^scale` (BigInt mantissa), rounded up to nano
 * precision like ParseQuantity does, plus the suffix family it was written in (`format`), which
 * decides how it is printed back: `1Gi` → `1Gi`, `1000Mi` → `1000Mi`, `1024Mi` → `1Gi`,
 * `0.5` → `500m`, `1e3` → `1e3`, `1000` → `1k`.
 *
 * Used by validation (quantities must parse, be non-negative, requests ≤ limits), QoS
 * computation, and the node's cgroup settings (`toMilli` for cpu shares/quota, `toBytes` for
 * memory limits).
 * @module
 */

/** The suffix family a quantity was written in (`resource.Format`). */
export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** An exactly represented quantity: the value is `mantissa × 10^scale`. */
export interface ParsedQuantity {
  readonly mantissa: bigint;
  readonly scale: number;
  readonly format: QuantityFormat;
}

/** apimachinery's ErrFormatWrong message. */
export const quantityFormatErrorMessage =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** apimachinery's ErrSuffix message. */
export const quantitySuffixErrorMessage = "unable to parse quantity's suffix";
/** apimachinery's ErrNumeric message. */
export const quantityNumericErrorMessage = 'unable to parse numeric part of quantity';

/** Thrown by {@link parseQuantity}; `message` is apimachinery's error text. */
export class QuantityParseError extends Error {
  constructor(message: string, readonly input: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

const decimalSuffixes: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const binarySuffixes: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalExpToSuffix = new Map(Object.entries(decimalSuffixes).map(([s, e]) => [e, s]));
const binaryExpToSuffix = new Map(Object.entries(binarySuffixes).map(([s, e]) => [e, s]));

const SUFFIX_CHARS = 'eEinumkKMGTP';

/** Splits a quantity string like apimachinery `parseQuantityString`. */
function splitQuantity(str: string): { negative: boolean; num: string; denom: string; suffix: string } {
  let pos = 0;
  const end = str.length;
  let negative = false;
  if (str[0] === '-') { negative = true; pos++; } else if (str[0] === '+') { pos++; }
  // Leading zeros are stripped; an all-zero string is "0".
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { negative, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && str[i]! >= '0' && str[i]! <= '9') i++;
  let num = str.slice(pos, i);
  if (num.length === 0) num = '0';
  pos = i;
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && str[i]! >= '0' && str[i]! <= '9') i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i]!)) i++;
  if (i < end && (str[i] === '-' || str[i] === '+')) i++;
  while (i < end && str[i]! >= '0' && str[i]! <= '9') i++;
  if (i < end) throw new QuantityParseError(quantityFormatErrorMessage, str);
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string, input: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  const d = decimalSuffixes[suffix];
  if (d !== undefined) return { base: 10, exponent: d, format: 'DecimalSI' };
  const b = binarySuffixes[suffix];
  if (b !== undefined) return { base: 2, exponent: b, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[-+]?[0-9]+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number.parseInt(suffix.slice(1), 10), format: 'DecimalExponent' };
  }
  throw new QuantityParseError(quantitySuffixErrorMessage, input);
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Divides rounding away from zero (apimachinery rounds sub-nano values up). */
function divCeilAbs(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n ? q : a < 0n ? q - 1n : q + 1n;
}

/**
 * Parses a quantity (`"100m"`, `"1Gi"`, `"1e3"`, `"0.5"`, or a JSON number such as `0.5`).
 * Throws {@link QuantityParseError} with apimachinery's message on malformed input.
 */
export function parseQuantity(input: string | number): ParsedQuantity {
  const str = typeof input === 'number' ? numberToString(input) : input;
  if (str.length === 0) throw new QuantityParseError(quantityFormatErrorMessage, str);
  const { negative, num, denom, suffix } = splitQuantity(str);
  const { base, exponent, format } = interpretSuffix(suffix, str);
  let mantissa = BigInt(num + denom);
  let scale = -denom.length;
  if (base === 10) scale += exponent;
  else mantissa *= 2n ** BigInt(exponent);
  if (negative) mantissa = -mantissa;
  // Precision is limited to nano units; anything finer rounds up (away from zero).
  if (scale < -9) {
    mantissa = divCeilAbs(mantissa, pow10(-9 - scale));
    scale = -9;
  }
  return normalize({ mantissa, scale, format });
}

/** Like {@link parseQuantity} but returns `undefined` instead of throwing. */
export function tryParseQuantity(input: unknown): ParsedQuantity | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  try {
    return parseQuantity(input);
  } catch {
    return undefined;
  }
}

function numberToString(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityParseError(quantityFormatErrorMessage, String(n));
  // JSON numbers reach Go's Quantity.UnmarshalJSON as their literal text; JS prints 1e21+ with "e+".
  return String(n).replace('e+', 'e');
}

/** Strips trailing decimal zeros from the mantissa into the scale. */
function normalize(q: ParsedQuantity): ParsedQuantity {
  let { mantissa, scale } = q;
  if (mantissa === 0n) return { mantissa: 0n, scale: 0, format: q.format };
  while (mantissa % 10n === 0n) { mantissa /= 10n; scale++; }
  return { mantissa, scale, format: q.format };
}

/** The value as an exact integer at `10^targetScale` units, rounding up (apimachinery `ScaledValue`). */
function scaled(q: ParsedQuantity, targetScale: number): bigint {
  const diff = q.scale - targetScale;
  if (diff >= 0) return q.mantissa * pow10(diff);
  return divCeilAbs(q.mantissa, pow10(-diff));
}

/** `Quantity.Cmp`: -1, 0 or 1. */
export function compareQuantities(a: ParsedQuantity, b: ParsedQuantity): -1 | 0 | 1 {
  const s = Math.min(a.scale, b.scale);
  const x = a.mantissa * pow10(a.scale - s);
  const y = b.mantissa * pow10(b.scale - s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `a + b`, keeping `a`'s format (apimachinery `Add`). */
export function addQuantities(a: ParsedQuantity, b: ParsedQuantity): ParsedQuantity {
  const s = Math.min(a.scale, b.scale);
  return normalize({ mantissa: a.mantissa * pow10(a.scale - s) + b.mantissa * pow10(b.scale - s), scale: s, format: a.format });
}

/** True for a zero quantity. */
export function isZeroQuantity(q: ParsedQuantity): boolean {
  return q.mantissa === 0n;
}

/** `MilliValue()`: the value in thousandths, rounded up (cpu `100m` → 100, `1` → 1000). */
export function toMilli(q: ParsedQuantity): number {
  return Number(scaled(q, -3));
}

/** `Value()`: the value as an integer, rounded up (memory `1Gi` → 1073741824). */
export function toValue(q: ParsedQuantity): number {
  return Number(scaled(q, 0));
}

/** Alias of {@link toValue} for byte quantities (memory, ephemeral-storage). */
export const toBytes = toValue;

/** A quantity of `milli` thousandths in DecimalSI (cpu): `quantityFromMilli(250)` → `250m`. */
export function quantityFromMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): ParsedQuantity {
  return normalize({ mantissa: BigInt(milli), scale: -3, format });
}

/** An integer quantity: `quantityFromValue(1073741824, 'BinarySI')` → `1Gi`. */
export function quantityFromValue(value: number | bigint, format: QuantityFormat = 'DecimalSI'): ParsedQuantity {
  return normalize({ mantissa: BigInt(value), scale: 0, format });
}

/**
 * The canonical string apimachinery serializes (`Quantity.String()` / `CanonicalizeBytes`).
 * BinarySI values below 1024 or with a fractional part print as DecimalSI.
 */
export function formatQuantity(q: ParsedQuantity): string {
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const abs = q.mantissa < 0n ? -q.mantissa : q.mantissa;
    const isInteger = q.scale >= 0;
    if (!isInteger || compareQuantities({ mantissa: abs, scale: q.scale, format }, { mantissa: 1024n, scale: 0, format }) < 0) {
      format = 'DecimalSI';
    }
  }
  if (format === 'BinarySI') {
    let n = q.mantissa * pow10(q.scale);
    let exp = 0;
    while (exp < 60 && n % 1024n === 0n) { n /= 1024n; exp += 10; }
    return n.toString() + (binaryExpToSuffix.get(exp) ?? '');
  }
  // Decimal: make the exponent a multiple of three, moving factors into the mantissa.
  let { mantissa, scale } = normalize(q);
  const r = ((scale % 3) + 3) % 3;
  if (r !== 0) { mantissa *= pow10(r); scale -= r; }
  if (format === 'DecimalExponent') return mantissa.toString() + (scale === 0 ? '' : `e${scale}`);
  const suffix = decimalExpToSuffix.get(scale);
  if (suffix !== undefined) return mantissa.toString() + suffix;
  // Out of the SI range: apimachinery falls back to exponent notation.
  return mantissa.toString() + `e${scale}`;
}

/** `Quantity.RoundUp(scale)`: drops precision finer than `10^scale`, rounding away from zero. */
export function roundUpQuantity(q: ParsedQuantity, scale: number): ParsedQuantity {
  if (q.scale >= scale) return q;
  return normalize({ mantissa: divCeilAbs(q.mantissa, pow10(scale - q.scale)), scale, format: q.format });
}

/** Parses and re-formats: the form the API server stores (`"1000Mi"` stays, `"1024Mi"` → `"1Gi"`). */
export function canonicalQuantity(input: string | number): string {
  return formatQuantity(parseQuantity(input));
}
