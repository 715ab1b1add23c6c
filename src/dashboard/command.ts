import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage } from '../base/index.js';
import { HttpTransport, loadKubeconfig } from '../client/index.js';
import { dashboardPrefix } from './dashboard.js';

const help = `Print or open the Podyard dashboard's URL with a fresh login token.

Usage: podyard dashboard [--print-url] [--kubeconfig FILE] [--data-dir DIR]

Flags:
  --print-url        Only print the URL (default: also open it with xdg-open when available)
  --kubeconfig FILE  Credentials for the server (default: $KUBECONFIG, else DIR/kubeconfig)
  --data-dir DIR     The server's data dir (default: $PODYARD_DATA_DIR or /var/lib/podyard)

The login token works once, within five minutes; the browser then keeps a session cookie.
`;

/** Where the command writes and how it opens a URL (tests replace these). */
export interface DashboardCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Opens a URL in a browser; false when no opener exists. */
  open?: (url: string) => boolean;
}

/**
 * `podyard dashboard`: asks the server (with the kubeconfig's credentials) for a single-use login
 * token and prints `https://HOST:PORT/ui/login?token=…`, or opens it with `xdg-open`. Returns
 * the exit code. Called by `cmd/main.ts`.
 */
export async function runDashboardCommand(argv: string[], env: NodeJS.ProcessEnv, io: DashboardCommandIo = defaultIo(env)): Promise<number> {
  let values: { 'print-url'?: boolean; kubeconfig?: string; 'data-dir'?: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: { 'print-url': { type: 'boolean' }, kubeconfig: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    io.stderr(`error: ${errorMessage(err)}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const dataDir = values['data-dir'] ?? env.PODYARD_DATA_DIR ?? '/var/lib/podyard';
  const kubeconfig = values.kubeconfig ?? (values['data-dir'] ? undefined : env.KUBECONFIG?.split(delimiter)[0]) ?? join(dataDir, 'kubeconfig');
  let url: string;
  try {
    const conn = await loadKubeconfig(kubeconfig);
    const transport = new HttpTransport(conn);
    try {
      const answer = await transport.request<{ path: string }>({ method: 'POST', path: `${dashboardPrefix}login-tokens` });
      url = new URL(answer.path, conn.server).toString();
    } finally {
      transport.close();
    }
  } catch (err) {
    io.stderr(`error: cannot get a dashboard login token from the server in ${kubeconfig}: ${errorMessage(err)}\n`);
    return 1;
  }
  if (!values['print-url'] && io.open?.(url)) {
    io.stdout(`Opening the dashboard in your browser; if it does not appear, open:\n${url}\n`);
    return 0;
  }
  io.stdout(`${url}\n`);
  return 0;
}

function defaultIo(env: NodeJS.ProcessEnv): DashboardCommandIo {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    open: (url) => {
      const opener = (env.PATH ?? '').split(delimiter).map((d) => join(d, 'xdg-open')).find((p) => existsSync(p));
      if (!opener || (!env.DISPLAY && !env.WAYLAND_DISPLAY)) return false;
      const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
      child.on('error', () => undefined);
      child.unref();
      return true;
    },
  };
}
