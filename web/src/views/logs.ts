// Logs of one container, following (`pods/log?follow=true` streams), with a container switcher,
// previous (the last terminated instance) and timestamps.
import { h, replace } from '../dom.js';
import { ApiError, objectPath, streamLines } from '../api.js';
import type { Pod } from '../types.js';

const maxLines = 5000;

/** The logs panel of a pod; returns a stop function. */
export function logsPanel(root: HTMLElement, pod: Pod, initial?: string): () => void {
  const names = [...(pod.spec.initContainers ?? []).map((c) => c.name), ...pod.spec.containers.map((c) => c.name)];
  const select = h('select#log-container', null, names.map((n) => h('option', { value: n, selected: n === (initial ?? pod.spec.containers[0]?.name) }, n)));
  const follow = h('input#log-follow', { type: 'checkbox', checked: true });
  const previous = h('input#log-previous', { type: 'checkbox' });
  const timestamps = h('input#log-timestamps', { type: 'checkbox' });
  const state = h('span.log-state.subtle', { role: 'status' });
  const out = h('pre.log-output#log-output', { role: 'log', 'aria-label': 'Container log', tabindex: '0' });
  replace(
    root,
    h(
      'div.toolbar',
      null,
      h('label', null, 'Container ', select),
      h('label.check', null, follow, ' Follow'),
      h('label.check', null, previous, ' Previous'),
      h('label.check', null, timestamps, ' Timestamps'),
      h('button', { type: 'button', onclick: () => (out.textContent = '') }, 'Clear'),
      state,
    ),
    out,
  );

  let abort = new AbortController();
  let lines = 0;
  function start(): void {
    abort.abort();
    abort = new AbortController();
    out.textContent = '';
    lines = 0;
    const q = new URLSearchParams({ container: select.value, tailLines: '1000' });
    if (follow.checked && !previous.checked) q.set('follow', 'true');
    if (previous.checked) q.set('previous', 'true');
    if (timestamps.checked) q.set('timestamps', 'true');
    const path = `${objectPath('pods', pod.metadata.namespace, pod.metadata.name)}/log?${q.toString()}`;
    state.textContent = q.has('follow') ? 'following…' : 'loading…';
    const signal = abort.signal;
    let batch = '';
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      const stick = out.scrollHeight - out.scrollTop - out.clientHeight < 40;
      out.append(batch);
      batch = '';
      if (lines > maxLines) out.textContent = (out.textContent ?? '').split('\n').slice(-maxLines).join('\n');
      if (stick) out.scrollTop = out.scrollHeight;
    };
    streamLines(
      path,
      (line) => {
        batch += `${line}\n`;
        lines++;
        if (!scheduled) {
          scheduled = true;
          requestAnimationFrame(flush);
        }
      },
      signal,
      'text/plain, */*',
    ).then(
      () => {
        if (signal.aborted) return;
        state.textContent = q.has('follow') ? 'the stream ended (container stopped)' : `${lines} line${lines === 1 ? '' : 's'}`;
      },
      (err: unknown) => {
        if (signal.aborted) return;
        state.textContent = err instanceof ApiError ? err.message : 'the log stream failed';
        state.classList.add('error-text');
      },
    );
  }
  for (const el of [select, follow, previous, timestamps]) el.addEventListener('change', start);
  start();
  return () => abort.abort();
}
