// What every view receives from the shell.

/** The current route and shared state a view renders from. */
export interface ViewContext {
  /** The selected namespace, or '' for all namespaces. */
  ns: string;
  /** Route segments after the view name: `#/pods/default/mc1/logs` → ['default', 'mc1', 'logs']. */
  params: string[];
  /** Moves to another route (`#/pods`). */
  navigate(hash: string): void;
}

/** Renders into `root`; returns a function that stops watches and timers. */
export type View = (root: HTMLElement, ctx: ViewContext) => (() => void) | void;
