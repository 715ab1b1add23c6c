/**
 * The few pieces of Go's fmt that Kubernetes messages depend on: `strconv.Quote` (`%q`) and
 * `%v`/`%#v` of the values validation code passes as a field error's bad value.
 */

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * Go's `strconv.Quote`: double-quoted, `\a\b\f\n\r\t\v\\\"` escaped, printable Unicode kept,
 * other runes as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate cannot come from valid UTF-8; Go would have seen U+FFFD.
      out += '\ufffd';
    } else if (printable.test(ch)) {
      out += ch;
    } else if (c < 0x20 || c === 0x7f) {
      out += '\\x' + hex(c, 2);
    } else if (c < 0x10000) {
      out += '\\u' + hex(c, 4);
    } else {
      out += '\\U' + hex(c, 8);
    }
  }
  return out + '"';
}

/** Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`); integers print bare. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const [mant, expStr] = n.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

function ownToString(v: object): (() => string) | undefined {
  const f = (v as { toString?: unknown }).toString;
  return typeof f === 'function' && f !== Object.prototype.toString ? (f as () => string) : undefined;
}

/**
 * A field error's bad value as apimachinery prints it (`ErrorBody`): `null`/`undefined` as
 * `"null"`, strings `%q`, numbers and booleans `%v`, objects with their own `toString()` like a Go `fmt.Stringer`, and a Go-syntax guess (`%#v`) for lists
 * and maps: `[]string{"a", "b"}`, `map[string]string{"k":"v"}`; anything else as JSON.
 */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return goQuote('null');
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return String(v);
  const str = typeof v === 'object' && !Array.isArray(v) ? ownToString(v) : undefined;
  if (str) return str.call(v); // a fmt.Stringer: `%s` of its String()
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => goQuote(x)).join(', ')}}`;
    if (v.every((x) => typeof x === 'number' && Number.isInteger(x))) return `[]int{${v.join(', ')}}`;
  } else if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([, x]) => typeof x === 'string')) {
      // %#v prints maps with sorted keys.
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `map[string]string{${entries.map(([k, x]) => `${goQuote(k)}:${goQuote(x as string)}`).join(', ')}}`;
    }
  }
  return JSON.stringify(v);
}
