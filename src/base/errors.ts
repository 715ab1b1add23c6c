/**
 * Base of every module's coded internal error (the Miniflare shape): each module declares a
 * string-literal union of codes, documented in its catalog, and subclasses this.
 * Wrap causes with `{ cause }`, never by concatenating messages.
 */
export class PodyardError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The message of any thrown value, for logs. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
