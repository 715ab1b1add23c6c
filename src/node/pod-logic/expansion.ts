/**
 * `$(VAR)` expansion as Kubernetes does it in env values, command and args
 * (`third_party/forked/golang/expansion/expand.go`).
 *
 * - `$(NAME)` is replaced by NAME's value when NAME is defined, and left as written otherwise.
 * - `$$` is an escaped `$`: `$$(NAME)` gives `$(NAME)` literally.
 * - A `$` not followed by `(` or `$` is kept with the next character (`$VAR`, `${VAR}` and
 *   `$?` pass through); an unterminated `$(` is kept as is; there is no nesting.
 * @module
 */

const operator = '$';
const referenceOpener = '(';
const referenceCloser = ')';

/** Looks a variable up; returns the `$(NAME)` text itself when it is undefined. */
export type ExpansionMapping = (name: string) => string;

/**
 * expansion `MappingFuncFor`: looks a name up in each context in turn; an undefined name maps
 * back to `$(NAME)`, so that it stays in the text unchanged.
 */
export function mappingFuncFor(...contexts: ReadonlyArray<ReadonlyMap<string, string> | Readonly<Record<string, string>>>): ExpansionMapping {
  return (name) => {
    for (const vars of contexts) {
      if (vars instanceof Map) {
        const value = (vars as ReadonlyMap<string, string>).get(name);
        if (value !== undefined) return value;
      } else if (Object.prototype.hasOwnProperty.call(vars, name)) {
        return (vars as Readonly<Record<string, string>>)[name]!;
      }
    }
    return `${operator}${referenceOpener}${name}${referenceCloser}`;
  };
}

/** expansion `Expand`: replaces the `$(NAME)` references in `input` using `mapping`. */
export function expand(input: string, mapping: ExpansionMapping): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] === operator && cursor + 1 < input.length) {
      out += input.slice(checkpoint, cursor);
      const [read, isVar, advance] = tryReadVariableName(input.slice(cursor + 1));
      out += isVar ? mapping(read) : read;
      cursor += advance;
      checkpoint = cursor + 1;
    }
  }
  return out + input.slice(checkpoint);
}

/** expansion `tryReadVariableName`: what follows a `$`, whether it is a reference, and how far it reaches. */
function tryReadVariableName(input: string): [string, boolean, number] {
  switch (input[0]) {
    case operator:
      // Escaped operator.
      return [operator, false, 1];
    case referenceOpener:
      for (let i = 1; i < input.length; i++) {
        if (input[i] === referenceCloser) return [input.slice(1, i), true, i + 1];
      }
      // Incomplete reference: keep `$(` and go on after the `(`.
      return [operator + referenceOpener, false, 1];
    default:
      // Not an expression: the operator and the character after it.
      return [operator + (input[0] ?? ''), false, 1];
  }
}
