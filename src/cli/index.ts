/** cli: the `podyard` client-side commands, printers and kubeconfig handling. */
export { type KubeconfigParams, renderKubeconfig } from './kubeconfig.js';
export { type CliIo, ExitError } from './io.js';
export type { ImagePullRequest, ImagePullState, PullImagesFn } from './pull-progress.js';
export { type Command } from './command.js';
export { clientCommands } from './commands/index.js';
export { commandHelp, findCommand, runCommand } from './run.js';
export { TabWriter } from './tabwriter.js';
export { evaluateJsonPath } from './jsonpath.js';
