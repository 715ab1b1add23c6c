import type { Command } from '../command.js';
import { applyCommand } from './apply.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { getCommand } from './get.js';
import { describeCommand } from './describe.js';
import { execCommand } from './exec.js';
import { logsCommand } from './logs.js';

/** Every client command, in `podyard --help` order. */
export const clientCommands: Command[] = [
  getCommand,
  describeCommand,
  applyCommand,
  createCommand,
  deleteCommand,
  logsCommand,
  execCommand,
];
