import { hostname } from 'node:os';
import { clientCommands, findCommand, runCommand, type CliIo } from '../cli/index.js';
import { createLogger, errorMessage } from '../base/index.js';
import { ConfigError, parseServerConfig, serverFlags, serverHelp } from './flags.js';

const usage = () => `Podyard: Kubernetes pods, for real, on one Linux machine.

Usage: podyard <command> [flags]

Commands:
  server        Run the Podyard server (API, controllers, node agent)
${clientCommands.filter((c) => !c.name.startsWith('__')).map((c) => `  ${c.name.padEnd(14)}${c.summary}`).join('\n')}
  image         Load, pull, list, remove and prune images (podyard image pull nginx)
  reset         Remove every container and pod volume of a stopped server's data dir
  dashboard     Print or open the web dashboard's URL with a login token
  version       Print the version

Run "podyard <command> --help" for a command's flags.

Example:
  podyard server --data-dir /tmp/p1 --listen 127.0.0.1:7443 &
  kubectl --kubeconfig /tmp/p1/kubeconfig get pods
`;

/**
 * The composition root: dispatches `podyard <command>`. Returns the process exit code.
 * Only this module reads `process.argv` and `process.env` (through its caller).
 */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(usage());
      return command === undefined ? 1 : 0;
    case 'version':
      process.stdout.write('podyard 0.1.0 (Kubernetes v1.32)\n');
      return 0;
    case 'server':
      return runServer(rest);
    // The server, image and dashboard code is loaded only by the commands that use it, so that
    // client commands (`podyard get pods`) start fast.
    case 'reset':
      return (await import('./reset.js')).runReset(rest, process.env, createLogger({ level: 'warn' }));
    case 'image':
      return (await import('./image.js')).runImage(rest, process.env, createLogger({ level: 'warn' }));
    case 'dashboard':
      return (await import('../dashboard/index.js')).runDashboardCommand(rest, process.env);
    default: {
      const cmd = findCommand(command);
      if (cmd) return runCommand(cmd, rest, processIo());
      process.stderr.write(`error: unknown command "${command}" for "podyard"\nRun 'podyard --help' for usage.\n`);
      return 1;
    }
  }
}

/** The process as the CLI commands see it. */
function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    defaultDataDir: serverFlags['data-dir'].default,
    self: [process.execPath, process.argv[1]!],
    onSignal(signal, handler) {
      process.on(signal, handler);
      return () => process.off(signal, handler);
    },
    pullImages: async (dataDir, requests, onUpdate) => (await import('./pre-pull.js')).pullImagesForUp(dataDir, requests, onUpdate),
  };
}

async function runServer(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(serverHelp());
    return 0;
  }
  let config;
  try {
    config = parseServerConfig(argv, process.env, hostname());
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const logger = createLogger({ level: config.logLevel });
  // Signals are caught from the start: one that arrives while the server is still starting (the
  // kubeconfig is written before the node agent is up) stops it cleanly once start-up completes.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info('shutting down', { signal });
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  let server;
  try {
    server = await (await import('./server.js')).startServer(config, logger);
  } catch (err) {
    logger.error('start-up failed', { err: errorMessage(err) });
    return 1;
  }
  await stopped;
  await server.close();
  return 0;
}
