import type { Command } from '../command.js';
import { applyCommand } from './apply.js';
import { completeCommand, completionCommand } from './completion.js';
import { cpCommand } from './cp.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { describeCommand } from './describe.js';
import { eventsCommand } from './events.js';
import { execCommand } from './exec.js';
import { exposeCommand } from './expose.js';
import { getCommand } from './get.js';
import { kubeconfigCommand } from './kubeconfig.js';
import { logsCommand } from './logs.js';
import { portForwardCommand } from './port-forward.js';
import { topCommand } from './top.js';
import { downCommand, upCommand } from './up.js';
import { waitCommand } from './wait.js';

/** Every client command, in `podyard --help` order (hidden ones start with `__`). */
export const clientCommands: Command[] = [
  upCommand,
  downCommand,
  getCommand,
  describeCommand,
  applyCommand,
  createCommand,
  deleteCommand,
  logsCommand,
  execCommand,
  exposeCommand,
  portForwardCommand,
  cpCommand,
  topCommand,
  waitCommand,
  eventsCommand,
  kubeconfigCommand,
];
clientCommands.push(completionCommand(() => clientCommands.filter((c) => !c.name.startsWith('__'))), completeCommand);
