/**
 * A kubectl-style (pflag) argument parser: `--name=value`, `--name value`, `-n value`, `-nvalue`,
 * combined boolean shorthands (`-it`), repeated string-array flags, and `--` ending flags.
 */
import { PodyardError } from '../base/index.js';

/** One flag of a command. */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'bool' | 'string' | 'int' | 'strings';
  default?: string | number | boolean | string[];
  help: string;
  /** Hidden from help (kept for compatibility). */
  hidden?: boolean;
}

/** The parsed arguments of a command. */
export interface ParsedArgs {
  values: Record<string, string | number | boolean | string[] | undefined>;
  positionals: string[];
  /** Arguments after `--`. */
  rest: string[];
  /** Whether `--` was present. */
  dashDash: boolean;
}

/** Flag parsing error codes. */
export type FlagErrorCode =
  | 'UnknownFlag' // a flag this command does not have
  | 'FlagNeedsValue' // a string flag at the end of the arguments
  | 'InvalidFlagValue'; // an int flag that does not parse

/** A command line that does not parse; printed as `error: <message>`. */
export class FlagError extends PodyardError<FlagErrorCode> {}

/** Parses `argv` against `specs` (pflag semantics). */
export function parseFlags(argv: string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const values: ParsedArgs['values'] = {};
  for (const s of specs) if (s.default !== undefined) values[s.name] = Array.isArray(s.default) ? [...s.default] : s.default;
  const positionals: string[] = [];
  const set = (spec: FlagSpec, raw: string | undefined, flagText: string): void => {
    switch (spec.type) {
      case 'bool':
        values[spec.name] = raw === undefined ? true : !['false', '0', 'f', 'F', 'FALSE', 'False'].includes(raw);
        return;
      case 'int': {
        const n = Number(raw);
        if (raw === undefined || raw === '' || !Number.isInteger(n)) {
          throw new FlagError('InvalidFlagValue', `invalid argument "${raw ?? ''}" for "${flagText}" flag: strconv.ParseInt: parsing "${raw ?? ''}": invalid syntax`);
        }
        values[spec.name] = n;
        return;
      }
      case 'strings': {
        const prev = values[spec.name];
        const list = Array.isArray(prev) && prev !== spec.default ? prev : [];
        values[spec.name] = [...list, ...(raw ?? '').split(',').filter((x) => x !== '')];
        return;
      }
      default:
        values[spec.name] = raw ?? '';
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return { values, positionals, rest: argv.slice(i + 1), dashDash: true };
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError('UnknownFlag', `unknown flag: --${name}`);
      let raw = eq < 0 ? undefined : arg.slice(eq + 1);
      if (raw === undefined && spec.type !== 'bool') {
        if (i + 1 >= argv.length) throw new FlagError('FlagNeedsValue', `flag needs an argument: --${name}`);
        raw = argv[++i]!;
      }
      set(spec, raw, `--${name}`);
    } else if (arg.startsWith('-') && arg.length > 1) {
      // -it, -n ns, -nns, -o=wide
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError('UnknownFlag', `unknown shorthand flag: '${c}' in ${arg}`);
        if (spec.type === 'bool') {
          if (arg[j + 1] === '=') {
            set(spec, arg.slice(j + 2), `-${c}`);
            break;
          }
          set(spec, undefined, `-${c}`);
          continue;
        }
        let raw = arg.slice(j + 1);
        if (raw.startsWith('=')) raw = raw.slice(1);
        if (raw === '') {
          if (i + 1 >= argv.length) throw new FlagError('FlagNeedsValue', `flag needs an argument: '${c}' in -${c}`);
          raw = argv[++i]!;
        }
        set(spec, raw, `-${c}, --${spec.name}`);
        break;
      }
    } else {
      positionals.push(arg);
    }
  }
  return { values, positionals, rest: [], dashDash: false };
}

/** Renders the flags section of a help text, kubectl's layout. */
export function flagsHelp(specs: readonly FlagSpec[]): string {
  const lines = specs
    .filter((s) => !s.hidden)
    .map((s) => {
      const head = `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.type === 'bool' ? '' : '=' + JSON.stringify(s.default ?? (s.type === 'strings' ? [] : s.type === 'int' ? 0 : ''))}`;
      return `    ${head}:\n\t${s.help}\n`;
    });
  return lines.join('\n');
}
