// Pieces several views share: a confirm dialog, error boxes, the YAML panel.
import { stringify } from 'yaml';
import { h, replace } from '../dom.js';
import { api, ApiError } from '../api.js';
import type { KubeObject } from '../types.js';

/** A modal confirm (native <dialog>: focus trapped, Escape cancels). Resolves true on confirm. */
export function confirmDialog(title: string, body: string, action: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h(
      'dialog.confirm',
      { 'aria-labelledby': 'confirm-title' },
      h(
        'form',
        { method: 'dialog' },
        h('h2#confirm-title', null, title),
        h('p', null, body),
        h('div.actions', null, h('button', { value: 'cancel', type: 'submit', autofocus: true }, 'Cancel'), h('button.danger#confirm-action', { value: 'ok', type: 'submit' }, action)),
      ),
    );
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** An inline error message. */
export function errorBox(message: string): HTMLElement {
  return h('div.error-box', { role: 'alert' }, message);
}

/** Renders an object as YAML, like `kubectl get -o yaml`. */
export function toYaml(obj: unknown): string {
  return stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The YAML of one object, fetched fresh, with managedFields hidden by default and an "edit" hand-off to Apply. */
export function yamlPanel(root: HTMLElement, path: string): () => void {
  const managed = h('input#yaml-managed', { type: 'checkbox' });
  const pre = h('pre.yaml#yaml-output', { tabindex: '0', 'aria-label': 'YAML' });
  let obj: KubeObject | undefined;
  const render = () => {
    if (!obj) return;
    const shown = managed.checked ? obj : { ...obj, metadata: { ...obj.metadata, managedFields: undefined } };
    pre.textContent = toYaml(JSON.parse(JSON.stringify(shown)));
  };
  managed.addEventListener('change', render);
  const edit = h('button', {
    type: 'button',
    onclick: () => {
      if (!obj) return;
      const { metadata, ...rest } = obj;
      const clean = { ...rest, metadata: { ...metadata, managedFields: undefined, resourceVersion: undefined, uid: undefined, creationTimestamp: undefined } };
      delete (clean as { status?: unknown }).status;
      sessionStorage.setItem('podyard.apply', toYaml(JSON.parse(JSON.stringify(clean))));
      location.hash = '#/apply';
    },
  }, 'Edit and apply…');
  replace(root, h('div.toolbar', null, h('label.check', null, managed, ' Show managedFields'), edit), pre);
  const abort = new AbortController();
  api<KubeObject>(path, { signal: abort.signal }).then(
    (o) => {
      obj = o;
      render();
    },
    (err: unknown) => {
      if (!abort.signal.aborted) replace(root, errorBox(err instanceof ApiError ? err.message : String(err)));
    },
  );
  return () => abort.abort();
}
