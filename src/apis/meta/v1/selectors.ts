/**
 * Label and field selectors, after apimachinery `pkg/labels/selector.go` (lexer, parser,
 * Requirement), `pkg/apis/meta/v1/helpers.go` (`LabelSelectorAsSelector`) and
 * `pkg/fields/selector.go` (terms, backslash escaping). Parse errors throw a 400 BadRequest
 * StatusError whose message is the apimachinery error text, as the API server answers
 * `?labelSelector=` / `?fieldSelector=` it cannot parse.
 */
import { aggregateFieldErrors, FieldPath, invalid, notSupported, type FieldError } from './field-path.js';
import { goQuote } from './go-format.js';
import { isQualifiedName, isValidLabelValue } from './names.js';
import { badRequest } from './status.js';
import type { LabelSelector } from './types.js';

/** `selection.Operator` values. */
export type SelectionOperator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

/** One parsed label requirement (`labels.Requirement`). Values are sorted and unique when parsed from a string. */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: SelectionOperator;
  readonly values: readonly string[];
}

const binaryOperators: SelectionOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validOperators: SelectionOperator[] = [...binaryOperators, 'exists', '!'];

type Labels = Readonly<Record<string, string>> | undefined;

function has(labels: Labels, key: string): boolean {
  return labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
}

/** `strconv.ParseInt(s, 10, 64)`. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** `Requirement.Matches`. */
export function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(labels, r.key) && r.values.includes(labels![r.key]!);
    case 'notin':
    case '!=':
      return !has(labels, r.key) || !r.values.includes(labels![r.key]!);
    case 'exists':
      return has(labels, r.key);
    case '!':
      return !has(labels, r.key);
    case 'gt':
    case 'lt': {
      if (!has(labels, r.key) || r.values.length !== 1) return false;
      const lv = parseInt64(labels![r.key]!);
      const rv = parseInt64(r.values[0]!);
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `Requirement.String()`: `!key`, `key`, `key=v`, `key in (a,b)`, `key>3`. */
export function requirementString(r: LabelRequirement): string {
  let s = r.operator === '!' ? '!' + r.key : r.key;
  switch (r.operator) {
    case 'exists':
    case '!':
      return s;
    case '=': s += '='; break;
    case '==': s += '=='; break;
    case '!=': s += '!='; break;
    case 'in': s += ' in '; break;
    case 'notin': s += ' notin '; break;
    case 'gt': s += '>'; break;
    case 'lt': s += '<'; break;
  }
  const set = r.operator === 'in' || r.operator === 'notin';
  if (set) s += '(';
  s += r.values.length === 1 ? r.values[0] : [...r.values].sort(byteCompare).join(',');
  if (set) s += ')';
  return s;
}

/**
 * `labels.NewRequirement`: validates the key, the operator/value-count rules and each value.
 * Returns the field errors instead of an aggregate; `path` is the Go `field.WithPath` option.
 */
export function newRequirement(
  key: string,
  operator: SelectionOperator,
  values: readonly string[],
  path?: FieldPath,
): { requirement: LabelRequirement; errors: FieldError[] } {
  const errs: FieldError[] = [];
  const child = (n: string) => (path ? path.child(n) : FieldPath.root(n));
  // validateLabelKey joins all messages into one error.
  const keyMsgs = isQualifiedName(key);
  if (keyMsgs.length > 0) errs.push(invalid(child('key'), key, keyMsgs.join('; ')));
  const valuePath = child('values');
  // The values reach NewRequirement as a Go slice; an empty one is nil there and prints as such.
  const shown: unknown = values.length === 0 ? { toString: () => '[]string(nil)' } : [...values];
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalid(valuePath, shown, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalid(valuePath, shown, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalid(valuePath, shown, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalid(valuePath, shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(notSupported(child('operator'), operator, validOperators));
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(invalid(valuePath.index(i).key(key), v, msgs.join('; ')));
  });
  return { requirement: { key, operator, values: [...values] }, errors: errs };
}

/**
 * A parsed label selector: requirements ANDed, sorted by key (`internalSelector`).
 * `LabelSelectorMatcher.nothing()` matches nothing (a nil `*metav1.LabelSelector`).
 */
export class LabelSelectorMatcher {
  private constructor(
    readonly requirements: readonly LabelRequirement[],
    private readonly matchesNothing: boolean,
  ) {}

  /** A selector over the given requirements, sorted by key like `Selector.Add`. */
  static of(reqs: readonly LabelRequirement[]): LabelSelectorMatcher {
    return new LabelSelectorMatcher([...reqs].sort((a, b) => byteCompare(a.key, b.key)), false);
  }

  /** `labels.Everything()`. */
  static everything(): LabelSelectorMatcher {
    return new LabelSelectorMatcher([], false);
  }

  /** `labels.Nothing()`. */
  static nothing(): LabelSelectorMatcher {
    return new LabelSelectorMatcher([], true);
  }

  /** True when the selector does not restrict anything (`Empty()`; false for `nothing()`). */
  get empty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  /** Whether every requirement matches the labels (missing labels count as absent). */
  matches(labels: Labels): boolean {
    if (this.matchesNothing) return false;
    return this.requirements.every((r) => requirementMatches(r, labels));
  }

  /** `RequiresExactMatch`: the single value `=`, `==` or one-value `in` requires for `key`. */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key);
    if (r && (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
    return undefined;
  }

  /** The canonical string: requirements joined with `,` (`internalSelector.String()`). */
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

// ---- lexer (labels/selector.go) ----

const enum Tok {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const string2token: Record<string, Tok> = {
  ')': Tok.ClosedPar,
  ',': Tok.Comma,
  '!': Tok.DoesNotExist,
  '==': Tok.DoubleEquals,
  '=': Tok.Equals,
  '>': Tok.GreaterThan,
  in: Tok.In,
  '<': Tok.LessThan,
  '!=': Tok.NotEquals,
  notin: Tok.NotIn,
  '(': Tok.OpenPar,
};

function tokenOf(s: string): Tok | undefined {
  return Object.prototype.hasOwnProperty.call(string2token, s) ? string2token[s] : undefined;
}

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => c === '=' || c === '!' || c === '(' || c === ')' || c === ',' || c === '>' || c === '<';

interface Item {
  tok: Tok;
  lit: string;
}

function lex(s: string): Item[] {
  let pos = 0;
  // Go's lexer reads bytes and treats a 0 byte as the end of input.
  const read = () => (pos < s.length ? s[pos++]! : '\0');
  const unread = () => void pos--;
  const items: Item[] = [];
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    let item: Item;
    if (ch === '\0') {
      item = { tok: Tok.EndOfString, lit: '' };
    } else if (isSpecial(ch)) {
      unread();
      let buf = '';
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === '\0') break;
        if (isSpecial(c)) {
          buf += c;
          const t = tokenOf(buf);
          if (t !== undefined) {
            last = { tok: t, lit: buf };
          } else if (last) {
            unread();
            break;
          }
        } else {
          unread();
          break;
        }
      }
      item = last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buf}'` };
    } else {
      unread();
      let buf = '';
      for (;;) {
        const c = read();
        if (c === '\0') break;
        if (isSpecial(c) || isWhitespace(c)) {
          unread();
          break;
        }
        buf += c;
      }
      item = { tok: tokenOf(buf) ?? Tok.Identifier, lit: buf };
    }
    items.push(item);
    if (item.tok === Tok.EndOfString) return items;
  }
}

class SelectorSyntaxError extends Error {}

/** The recursive-descent parser of labels/selector.go, with its error texts. */
class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  /** In the Values context, `in`/`notin` are identifiers. */
  private fix(it: Item, values: boolean): Item {
    return values && (it.tok === Tok.In || it.tok === Tok.NotIn) ? { tok: Tok.Identifier, lit: it.lit } : it;
  }
  private lookahead(values: boolean): Item {
    return this.fix(this.items[this.position]!, values);
  }
  private consume(values: boolean): Item {
    return this.fix(this.items[this.position++]!, values);
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          let r: LabelRequirement;
          try {
            r = this.parseRequirement();
          } catch (e) {
            throw new SelectorSyntaxError(`unable to parse requirement: ${(e as Error).message}`);
          }
          reqs.push(r);
          const t = this.consume(true);
          if (t.tok === Tok.EndOfString) return reqs;
          if (t.tok === Tok.Comma) {
            const t2 = this.lookahead(true);
            if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) {
              throw new SelectorSyntaxError(`found '${t2.lit}', expected: identifier after ','`);
            }
          } else {
            throw new SelectorSyntaxError(`found '${t.lit}', expected: ',' or 'end of string'`);
          }
          break;
        }
        case Tok.EndOfString:
          return reqs;
        default:
          throw new SelectorSyntaxError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, op } = this.parseKeyAndInferOperator();
    if (op === 'exists' || op === '!') return checked(key, op, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return checked(key, operator, [...values].sort(byteCompare));
  }

  private parseKeyAndInferOperator(): { key: string; op: SelectionOperator | '' } {
    let op: SelectionOperator | '' = '';
    let it = this.consume(true);
    if (it.tok === Tok.DoesNotExist) {
      op = '!';
      it = this.consume(true);
    }
    if (it.tok !== Tok.Identifier) throw new Error(`found '${it.lit}', expected: identifier`);
    const msgs = isQualifiedName(it.lit);
    // The parser validates with a nil field.Path, which prints as `<nil>`.
    if (msgs.length > 0) throw new Error(`<nil>: Invalid value: ${goQuote(it.lit)}: ${msgs.join('; ')}`);
    const next = this.lookahead(true).tok;
    if ((next === Tok.EndOfString || next === Tok.Comma) && op !== '!') op = 'exists';
    return { key: it.lit, op };
  }

  private parseOperator(): SelectionOperator {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case Tok.In: return 'in';
      case Tok.Equals: return '=';
      case Tok.DoubleEquals: return '==';
      case Tok.GreaterThan: return 'gt';
      case Tok.LessThan: return 'lt';
      case Tok.NotIn: return 'notin';
      case Tok.NotEquals: return '!=';
      default:
        throw new Error(`found '${lit}', expected: ${binaryOperators.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== Tok.OpenPar) throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    switch (tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const s = this.parseIdentifiersList();
        if (this.consume(true).tok !== Tok.ClosedPar) throw new Error(`found '${lit}', expected: ')'`);
        return s;
      }
      case Tok.ClosedPar:
        this.consume(true);
        return new Set(['']);
      default:
        throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
    }
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === Tok.Identifier) {
        s.add(lit);
        const t2 = this.lookahead(true);
        if (t2.tok === Tok.Comma) continue;
        if (t2.tok === Tok.ClosedPar) return s;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === Tok.Comma) {
        if (s.size === 0) s.add(''); // "(,"
        const t2 = this.lookahead(true).tok;
        if (t2 === Tok.ClosedPar) {
          s.add(''); // ",)"
          return s;
        }
        if (t2 === Tok.Comma) s.add(''); // ",,"
      } else {
        throw new Error(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead(true).tok;
    if (t === Tok.EndOfString || t === Tok.Comma) return new Set(['']);
    const { tok, lit } = this.consume(true);
    if (tok === Tok.Identifier) return new Set([lit]);
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** NewRequirement, throwing its aggregated errors like Go returns them. */
function checked(key: string, op: SelectionOperator, values: string[]): LabelRequirement {
  const { requirement, errors } = newRequirement(key, op, values);
  if (errors.length > 0) throw new Error(aggregateFieldErrors(errors));
  return requirement;
}

/**
 * `labels.Parse`: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`,
 * comma-separated (AND). Throws a 400 BadRequest StatusError with apimachinery's message, e.g.
 * `unable to parse requirement: found '', expected: identifier`.
 */
export function parseLabelSelector(selector: string): LabelSelectorMatcher {
  try {
    return LabelSelectorMatcher.of(new Parser(lex(selector)).parse());
  } catch (e) {
    if (e instanceof SelectorSyntaxError) throw badRequest(e.message);
    throw e;
  }
}

/**
 * `metav1.LabelSelectorAsSelector`: `matchLabels` as `=` and `matchExpressions` as
 * In/NotIn/Exists/DoesNotExist. `undefined` (a nil selector) matches nothing; an empty selector
 * matches everything. Invalid content throws a 400 BadRequest StatusError.
 */
export function labelSelectorFromObject(sel: LabelSelector | undefined | null): LabelSelectorMatcher {
  if (!sel) return LabelSelectorMatcher.nothing();
  const labels = Object.entries(sel.matchLabels ?? {});
  const exprs = sel.matchExpressions ?? [];
  if (labels.length + exprs.length === 0) return LabelSelectorMatcher.everything();
  const reqs: LabelRequirement[] = [];
  const add = (key: string, op: SelectionOperator, values: readonly string[]) => {
    const { requirement, errors } = newRequirement(key, op, values);
    if (errors.length > 0) throw badRequest(aggregateFieldErrors(errors));
    reqs.push(requirement);
  };
  for (const [k, v] of labels) add(k, '=', [v]);
  for (const e of exprs) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[e.operator];
    if (!op) throw badRequest(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    add(e.key, op, e.values ?? []);
  }
  return LabelSelectorMatcher.of(reqs);
}

/** `labels.SelectorFromSet`: `k=v` for each entry; an empty set matches everything. */
export function selectorFromSet(set: Readonly<Record<string, string>> | undefined): LabelSelectorMatcher {
  return LabelSelectorMatcher.of(Object.entries(set ?? {}).map(([key, v]) => ({ key, operator: '=' as const, values: [v] })));
}

// ---- field selectors (fields/selector.go) ----

/** One field selector term. `==` is kept as written but matches like `=`. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '==' | '!=';
  readonly value: string;
}

/** `fields.EscapeValue`: backslash-escape `\`, `,` and `=` in a value. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => '\\' + c);
}

/** `fields.UnescapeValue`; throws with apimachinery's messages on bad escapes. */
function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorSyntaxError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    // `%v` of a Go rune prints its number.
    else if (c === ',' || c === '=') throw new SelectorSyntaxError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorSyntaxError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** `splitTerms`: split on commas not escaped with a backslash (the backslash stays). */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** `splitTerm`: the first operator position wins; `!=` and `==` are tried before `=`. */
function splitTerm(term: string): { lhs: string; op: FieldRequirement['operator']; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** A parsed field selector: terms ANDed, sorted like `fields.ParseSelector`. */
export class FieldSelectorMatcher {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  /** True when nothing is selected on. */
  get empty(): boolean {
    return this.requirements.length === 0;
  }

  /** Whether every term holds; `get` returns a field's value, `undefined` counting as `''`. */
  matches(get: (field: string) => string | undefined): boolean {
    return matchesFields(this.requirements, get);
  }

  /** The value an `=`/`==` term requires for `field`, if any. */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator !== '!=')?.value;
  }

  /** `field=value` / `field!=value` terms joined with `,`, values escaped. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeFieldValue(r.value)}`).join(',');
  }
}

/**
 * `fields.ParseSelector`: `a=b`, `a==b`, `a!=b`, comma-separated (AND), `\,` `\=` `\\` escapes in
 * values. Throws a 400 BadRequest StatusError with apimachinery's message.
 */
export function parseFieldSelector(selector: string): FieldSelectorMatcher {
  try {
    const parts = splitTerms(selector).sort(byteCompare);
    const reqs: FieldRequirement[] = [];
    for (const part of parts) {
      if (part === '') continue;
      const t = splitTerm(part);
      if (!t) throw new SelectorSyntaxError(`invalid selector: '${selector}'; can't understand '${part}'`);
      reqs.push({ field: t.lhs, operator: t.op, value: unescapeFieldValue(t.rhs) });
    }
    return new FieldSelectorMatcher(reqs);
  } catch (e) {
    if (e instanceof SelectorSyntaxError) throw badRequest(e.message);
    throw e;
  }
}

/** Whether all field requirements hold for the object whose fields `get` returns (missing = `''`, as `Fields.Get`). */
export function matchesFields(
  reqs: readonly FieldRequirement[] | FieldSelectorMatcher,
  get: (field: string) => string | undefined,
): boolean {
  const list = reqs instanceof FieldSelectorMatcher ? reqs.requirements : reqs;
  return list.every((r) => {
    const v = get(r.field) ?? '';
    return r.operator === '!=' ? v !== r.value : v === r.value;
  });
}
