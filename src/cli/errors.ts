import { StatusError } from '../apis/index.js';
import { FlagError } from './flags.js';
import { ExitError } from './io.js';

/**
 * Renders an error the way kubectl's `cmdutil.CheckErr` does, one message per line:
 * `Error from server (NotFound): pods "x" not found`, `The Pod "x" is invalid: …`.
 */
export function formatError(err: unknown): string {
  if (err instanceof ExitError) return err.message;
  if (err instanceof FlagError) return `error: ${err.message}`;
  if (err instanceof StatusError) {
    const s = err.status;
    if (s.reason === 'Invalid') {
      const details = s.details;
      let head = 'The request is invalid';
      if (!details) return `${head}: ${s.message}`;
      if (details.kind || details.name) head = `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`;
      else head += `: ${s.message}`;
      const causes = (details.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '')));
      if (causes.length === 0) return head;
      if (causes.length === 1) return `${head}: ${causes[0]}`;
      return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
    }
    if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message})`;
    if (s.reason) return `Error from server (${s.reason}): ${s.message}`;
    return `Error from server: ${s.message}`;
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ECONNREFUSED') return `The connection to the server ${String((e as { address?: string }).address ?? '')}:${String((e as { port?: number }).port ?? '')} was refused - did you specify the right host or port?`;
  return `error: ${e?.message ?? String(err)}`;
}
