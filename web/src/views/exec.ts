// A terminal in the browser: xterm.js over the API's exec WebSocket (v5.channel.k8s.io, or
// v4 from older servers). Browsers cannot set headers: the session cookie authenticates it.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { h, replace } from '../dom.js';
import { objectPath } from '../api.js';
import type { Pod, Status } from '../types.js';

const enum Channel {
  Stdin = 0,
  Stdout = 1,
  Stderr = 2,
  Error = 3,
  Resize = 4,
  Close = 255,
}

/** The exec panel of a pod; returns a stop function. */
export function execPanel(root: HTMLElement, pod: Pod): () => void {
  const running = new Set((pod.status?.containerStatuses ?? []).filter((s) => s.state?.running).map((s) => s.name));
  const names = pod.spec.containers.map((c) => c.name);
  const select = h('select#exec-container', null, names.map((n) => h('option', { value: n }, running.has(n) ? n : `${n} (not running)`)));
  const command = h('input#exec-command', { type: 'text', value: 'sh', spellcheck: false, autocomplete: 'off', size: 16 });
  const connect = h('button.primary#exec-connect', { type: 'submit' }, 'Connect');
  const state = h('span.subtle#exec-state', { role: 'status' }, 'Not connected');
  const host = h('div.terminal#terminal', { 'aria-label': 'Terminal' });
  const form = h(
    'form.toolbar',
    { onsubmit: (e: Event) => (e.preventDefault(), open()) },
    h('label', null, 'Container ', select),
    h('label', null, 'Command ', command),
    connect,
    state,
  );
  replace(root, form, host);

  const term = new Terminal({
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 14,
    cursorBlink: true,
    convertEol: false,
    theme: { background: '#0f1720', foreground: '#e6edf3' },
    screenReaderMode: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();
  let ws: WebSocket | undefined;
  const encoder = new TextEncoder();
  const send = (channel: Channel, data: Uint8Array) => {
    if (ws?.readyState !== WebSocket.OPEN) return;
    const frame = new Uint8Array(data.length + 1);
    frame[0] = channel;
    frame.set(data, 1);
    ws.send(frame);
  };
  const sendSize = () => send(Channel.Resize, encoder.encode(JSON.stringify({ Width: term.cols, Height: term.rows })));
  term.onData((d) => send(Channel.Stdin, encoder.encode(d)));
  term.onResize(() => sendSize());
  const resize = new ResizeObserver(() => fit.fit());
  resize.observe(host);

  function open(): void {
    ws?.close();
    term.reset();
    const q = new URLSearchParams({ container: select.value, stdin: 'true', stdout: 'true', stderr: 'false', tty: 'true' });
    for (const arg of command.value.trim().split(/\s+/).filter(Boolean)) q.append('command', arg);
    const url = `wss://${location.host}${objectPath('pods', pod.metadata.namespace, pod.metadata.name)}/exec?${q.toString()}`;
    const socket = new WebSocket(url, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
    socket.binaryType = 'arraybuffer';
    ws = socket;
    state.textContent = 'Connecting…';
    const decoder = new TextDecoder();
    socket.onopen = () => {
      state.textContent = `Connected to ${select.value} (${socket.protocol})`;
      sendSize();
      term.focus();
    };
    socket.onmessage = (ev: MessageEvent<ArrayBuffer>) => {
      const data = new Uint8Array(ev.data);
      const channel = data[0] as Channel;
      const payload = data.subarray(1);
      if (channel === Channel.Stdout || channel === Channel.Stderr) term.write(payload);
      else if (channel === Channel.Error) {
        const text = decoder.decode(payload);
        try {
          const st = JSON.parse(text) as Status & { details?: { causes?: { reason?: string; message?: string }[] } };
          const code = st.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
          term.write(`\r\n\x1b[2m[${st.status === 'Success' ? 'exited with code 0' : code ? `exited with code ${code}` : (st.message ?? 'failed')}]\x1b[0m\r\n`);
        } catch {
          term.write(`\r\n${text}\r\n`);
        }
      }
    };
    socket.onclose = (ev) => {
      if (ws !== socket) return;
      state.textContent = ev.code === 1000 || ev.code === 1005 ? 'Session ended' : `Disconnected (${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`;
    };
    socket.onerror = () => {
      state.textContent = 'Could not connect (is the container running?)';
    };
  }
  if (running.has(select.value)) open();
  return () => {
    resize.disconnect();
    ws?.close();
    ws = undefined;
    term.dispose();
  };
}
