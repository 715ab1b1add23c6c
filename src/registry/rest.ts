import { randomUUID } from 'node:crypto';
import type { Clock, Logger } from '../base/index.js';
import { isDeepEqual, rfc3339 } from '../base/index.js';
import type { KeyValue, Store, WatchEvent as StoreWatchEvent } from '../store/index.js';
import { StoreError } from '../store/index.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  expired,
  forbidden,
  generateName,
  invalid,
  notFound,
  optimisticLockErrorMsg,
  parseFieldSelector,
  parseLabelSelector,
  StatusError,
  type DeleteOptions,
  type FieldSelectorMatcher,
  type KubeObject,
  type LabelSelectorMatcher,
} from '../apis/index.js';
import type { ResourceInfo, Strategy } from './types.js';

/** Options of a list or watch, parsed from the query string. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface WatchOptions extends ListOptions {
  /** Send synthetic ADDED events for current objects first (unset or "0" resourceVersion, or sendInitialEvents). */
  sendInitialEvents?: boolean;
  allowWatchBookmarks?: boolean;
  signal: AbortSignal;
}

/** One watch event as the API streams it. */
export interface RegistryWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
}

export interface UpdateOptions extends WriteOptions {
  /** `status` for the status subresource. */
  subresource?: string;
}

/** Result of a list: items carry their resourceVersion. */
export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
}

/** The namespace lookup a namespaced registry needs (existence and termination). */
export type NamespaceLookup = (name: string) => Promise<KubeObject | undefined>;

/**
 * Generic REST storage for one resource over the revisioned {@link Store}: the kube-apiserver
 * `genericregistry.Store`. Resource-specific rules come from the {@link Strategy}.
 *
 * Objects are stored as JSON without `metadata.resourceVersion`; the store's modRevision is the
 * resourceVersion, set on every read.
 */
export class GenericRegistry {
  private readonly prefix: string;

  constructor(
    readonly info: ResourceInfo,
    private readonly strategy: Strategy,
    private readonly deps: { store: Store; clock: Clock; logger: Logger; namespaces?: NamespaceLookup },
  ) {
    const gr = info.group ? `${info.resource}.${info.group}` : info.resource;
    this.prefix = `/registry/${gr}/`;
  }

  /** The `{group, resource}` pair used in Status messages. */
  get groupResource(): { group: string; resource: string } {
    return { group: this.info.group, resource: this.info.resource };
  }

  private key(namespace: string | undefined, name: string): string {
    return this.info.namespaced ? `${this.prefix}${namespace}/${name}` : `${this.prefix}${name}`;
  }

  private scopePrefix(namespace: string | undefined): string {
    return this.info.namespaced && namespace ? `${this.prefix}${namespace}/` : this.prefix;
  }

  private decode(kv: KeyValue, revision = kv.modRevision): KubeObject {
    const obj = JSON.parse(kv.value) as KubeObject;
    obj.metadata.resourceVersion = String(revision);
    return obj;
  }

  private encode(obj: KubeObject): string {
    const metadata = { ...obj.metadata };
    delete metadata.resourceVersion;
    return JSON.stringify({ ...obj, apiVersion: this.apiVersion, kind: this.info.kind, metadata });
  }

  private get apiVersion(): string {
    return this.info.group ? `${this.info.group}/${this.info.version}` : this.info.version;
  }

  /** Reads one object; 404 Status if absent. */
  async get(namespace: string | undefined, name: string): Promise<KubeObject> {
    const kv = await this.deps.store.get(this.key(namespace, name));
    if (!kv) throw notFound(this.groupResource, name);
    return this.decode(kv);
  }

  /** Lists objects in `namespace` (all namespaces when undefined) matching the selectors. */
  async list(namespace: string | undefined, options: ListOptions = {}): Promise<ListResult> {
    const match = this.matcher(options);
    const items: KubeObject[] = [];
    let startAfter = options.continue ? decodeContinue(options.continue) : undefined;
    const limit = options.limit && options.limit > 0 ? options.limit : undefined;
    let revision = 0;
    for (;;) {
      const page = await this.deps.store.list(this.scopePrefix(namespace), {
        ...(startAfter !== undefined ? { startAfter } : {}),
        ...(limit ? { limit: limit - items.length } : {}),
      });
      revision = page.revision;
      for (const kv of page.items) {
        const obj = this.decode(kv);
        if (match(obj)) items.push(obj);
        startAfter = kv.key;
      }
      if (!page.more) return { items, resourceVersion: String(revision) };
      if (limit && items.length >= limit) {
        return { items, resourceVersion: String(revision), continue: encodeContinue(startAfter!) };
      }
    }
  }

  /** Creates an object (POST), applying defaults, validation and allocations. */
  async create(namespace: string | undefined, input: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const obj = structuredClone(input);
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (this.info.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace ?? meta.namespace;
      await this.checkNamespace(meta.namespace, meta.name ?? meta.generateName ?? '');
    } else {
      delete meta.namespace;
    }
    const now = this.deps.clock.now();
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
    meta.uid = randomUUID();
    meta.creationTimestamp = rfc3339(now);
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.generation;
    obj.apiVersion = this.apiVersion;
    obj.kind = this.info.kind;
    this.strategy.prepareForCreate(obj, { now });
    const errs = this.strategy.validate(obj);
    if (errs.length > 0) throw invalid({ group: this.info.group, kind: this.info.kind }, meta.name ?? '', errs);
    if (options.dryRun) return obj;
    if (await this.deps.store.get(this.key(meta.namespace, meta.name!))) {
      throw alreadyExists(this.groupResource, meta.name!);
    }
    await this.strategy.beforeCreate?.(obj);
    try {
      const kv = await this.deps.store.create(
        this.key(meta.namespace, meta.name!),
        this.encode(obj),
        this.strategy.ttlSeconds ? { ttlSeconds: this.strategy.ttlSeconds } : {},
      );
      return this.decode(kv);
    } catch (err) {
      await this.strategy.afterDelete?.(obj);
      if (err instanceof StoreError && err.code === 'KeyExists') throw alreadyExists(this.groupResource, meta.name!);
      throw err;
    }
  }

  /**
   * Replaces an object (PUT), or its status with `subresource: 'status'`. A missing or matching
   * `metadata.resourceVersion` is required; a stale one is a 409 Conflict.
   */
  async update(
    namespace: string | undefined,
    name: string,
    input: KubeObject,
    options: UpdateOptions = {},
  ): Promise<{ object: KubeObject; created: boolean }> {
    const obj = structuredClone(input);
    obj.metadata ??= {};
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (this.info.namespaced && obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const kv = await this.deps.store.get(this.key(namespace, name));
    if (!kv) {
      if (this.strategy.allowCreateOnUpdate && !options.subresource) {
        return { object: await this.create(namespace, { ...obj, metadata: { ...obj.metadata, name } }, options), created: true };
      }
      throw notFound(this.groupResource, name);
    }
    const rv = obj.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== String(kv.modRevision)) {
      throw conflict(this.groupResource, name, optimisticLockErrorMsg);
    }
    if (!rv && !this.strategy.allowUnconditionalUpdate) {
      throw invalid({ group: this.info.group, kind: this.info.kind }, name, [
        {
          type: 'FieldValueInvalid',
          field: 'metadata.resourceVersion',
          badValue: 0,
          detail: 'must be specified for an update',
        },
      ]);
    }
    return { object: await this.write(kv, () => obj, options), created: false };
  }

  /**
   * Reads the current object, computes the next one with `mutate` and writes it, retrying on
   * conflicts (kube-apiserver's GuaranteedUpdate). Used by PATCH. `mutate` may throw a Status.
   */
  async guaranteedUpdate(
    namespace: string | undefined,
    name: string,
    mutate: (current: KubeObject) => KubeObject | Promise<KubeObject>,
    options: UpdateOptions = {},
  ): Promise<KubeObject> {
    for (let attempt = 0; ; attempt++) {
      const kv = await this.deps.store.get(this.key(namespace, name));
      if (!kv) throw notFound(this.groupResource, name);
      try {
        return await this.write(kv, mutate, options);
      } catch (err) {
        if (attempt < 5 && err instanceof StoreError && err.code === 'Conflict') continue;
        throw err;
      }
    }
  }

  /** Shared update path: strategy rules, system metadata, no-op detection, finalizer completion. */
  private async write(
    kv: KeyValue,
    mutate: (current: KubeObject) => KubeObject | Promise<KubeObject>,
    options: UpdateOptions,
  ): Promise<KubeObject> {
    const old = this.decode(kv);
    const obj = structuredClone(await mutate(structuredClone(old)));
    obj.metadata ??= {};
    const name = old.metadata.name!;
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    const rv = obj.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== String(kv.modRevision)) {
      throw conflict(this.groupResource, name, optimisticLockErrorMsg);
    }
    obj.apiVersion = this.apiVersion;
    obj.kind = this.info.kind;
    // System fields are owned by the server (ObjectMetaUpdateValidation + rest.BeforeUpdate).
    const meta = obj.metadata;
    meta.name = name;
    if (this.info.namespaced) meta.namespace = old.metadata.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (old.metadata.generation !== undefined) meta.generation = old.metadata.generation;
    const ctx = { now: this.deps.clock.now() };
    let errs;
    const sub = options.subresource ? this.strategy.subresources?.[options.subresource] : undefined;
    if (sub) {
      sub.prepareForUpdate(obj, old, ctx);
      errs = sub.validateUpdate(obj, old);
    } else {
      this.strategy.prepareForUpdate(obj, old, ctx);
      errs = this.strategy.validateUpdate(obj, old);
    }
    if (errs.length > 0) throw invalid({ group: this.info.group, kind: this.info.kind }, name, errs);
    meta.resourceVersion = old.metadata.resourceVersion;
    if (isDeepEqual(obj, old)) return old;
    if (options.dryRun) return obj;
    if (meta.deletionTimestamp && this.finalizersOf(obj).length === 0 && this.deletable(obj)) {
      const deleted = await this.deps.store.delete(kv.key, kv.modRevision);
      await this.strategy.afterDelete?.(obj);
      return this.decode({ ...deleted, value: this.encode(obj) });
    }
    await this.strategy.beforeUpdate?.(obj, old);
    try {
      const next = await this.deps.store.update(
        kv.key,
        this.encode(obj),
        kv.modRevision,
        this.strategy.ttlSeconds ? { ttlSeconds: this.strategy.ttlSeconds } : {},
      );
      return this.decode(next);
    } catch (err) {
      if (err instanceof StoreError && err.code === 'Conflict') throw conflict(this.groupResource, name, optimisticLockErrorMsg);
      throw err;
    }
  }

  private finalizersOf(obj: KubeObject): string[] {
    return [...(obj.metadata.finalizers ?? []), ...(this.strategy.extraFinalizers?.(obj) ?? [])];
  }

  /**
   * An object whose finalizers are all gone after a delete request is removed, unless it is a
   * pod still waiting out its grace period on the node (the node confirms with a 0-grace delete).
   */
  private deletable(obj: KubeObject): boolean {
    return !this.strategy.gracePeriodSeconds || (obj.metadata.deletionGracePeriodSeconds ?? 0) === 0;
  }

  /**
   * Deletes an object (DELETE). With a grace period (pods on a node) or finalizers, it only marks
   * the object with `deletionTimestamp`; the object disappears once both are done.
   * Returns the object and whether it is gone.
   */
  async delete(
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
    writeOptions: WriteOptions = {},
  ): Promise<{ object: KubeObject; deleted: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const kv = await this.deps.store.get(this.key(namespace, name));
      if (!kv) throw notFound(this.groupResource, name);
      const obj = this.decode(kv);
      const pre = options.preconditions;
      if (pre?.uid && pre.uid !== obj.metadata.uid) {
        throw conflict(
          this.groupResource,
          name,
          `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`,
        );
      }
      if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
        throw conflict(
          this.groupResource,
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`,
        );
      }
      const grace = this.strategy.gracePeriodSeconds?.(obj, options.gracePeriodSeconds ?? undefined) ?? 0;
      const finalizers = this.finalizersOf(obj);
      const now = this.deps.clock.now();
      try {
        if (grace > 0 || finalizers.length > 0) {
          const marked = structuredClone(obj);
          const current = marked.metadata.deletionGracePeriodSeconds;
          // A second delete may only shorten the grace period (BeforeDelete in rest/delete.go).
          if (!marked.metadata.deletionTimestamp || (current !== undefined && grace < current)) {
            marked.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
            marked.metadata.deletionGracePeriodSeconds = grace;
          }
          this.strategy.prepareForDelete?.(marked);
          if (isDeepEqual(marked, obj)) return { object: obj, deleted: false };
          if (writeOptions.dryRun) return { object: marked, deleted: false };
          if (grace === 0 && finalizers.length === 0) {
            const gone = await this.deps.store.delete(kv.key, kv.modRevision);
            await this.strategy.afterDelete?.(obj);
            return { object: this.decode({ ...gone, value: this.encode(marked) }), deleted: true };
          }
          const next = await this.deps.store.update(kv.key, this.encode(marked), kv.modRevision);
          return { object: this.decode(next), deleted: false };
        }
        if (writeOptions.dryRun) return { object: obj, deleted: true };
        const gone = await this.deps.store.delete(kv.key, kv.modRevision);
        await this.strategy.afterDelete?.(obj);
        return { object: this.decode(gone), deleted: true };
      } catch (err) {
        if (attempt < 5 && err instanceof StoreError && (err.code === 'Conflict' || err.code === 'NotFound')) continue;
        throw err;
      }
    }
  }

  /** Deletes every object matching the list options (DELETE on a collection). */
  async deleteCollection(
    namespace: string | undefined,
    listOptions: ListOptions,
    options: DeleteOptions,
    writeOptions: WriteOptions = {},
  ): Promise<KubeObject[]> {
    const { items } = await this.list(namespace, listOptions);
    const out: KubeObject[] = [];
    for (const item of items) {
      try {
        out.push((await this.delete(item.metadata.namespace, item.metadata.name!, options, writeOptions)).object);
      } catch (err) {
        if (!(err instanceof StatusError && err.status.code === 404)) throw err;
      }
    }
    return out;
  }

  /**
   * Watches objects in `namespace` (all when undefined). With `sendInitialEvents` it first sends
   * ADDED for every current object. Selector transitions follow the apiserver's watch cache:
   * an object leaving the selection is DELETED, one entering it is ADDED.
   */
  async *watch(namespace: string | undefined, options: WatchOptions): AsyncGenerator<RegistryWatchEvent> {
    const match = this.matcher(options);
    let from: number;
    const rv = options.resourceVersion;
    if (rv !== undefined && rv !== '' && !/^\d+$/.test(rv)) {
      throw badRequest(`invalid resource version: strconv.ParseUint: parsing "${rv}": invalid syntax`);
    }
    if (options.sendInitialEvents || !rv || rv === '0') {
      const listed = await this.list(namespace, { ...options, limit: undefined, continue: undefined });
      for (const item of listed.items) yield { type: 'ADDED', object: item };
      from = Number(listed.resourceVersion);
      if (options.allowWatchBookmarks) {
        yield {
          type: 'BOOKMARK',
          object: {
            kind: this.info.kind,
            apiVersion: this.apiVersion,
            metadata: { resourceVersion: String(from), annotations: { 'k8s.io/initial-events-end': 'true' } },
          },
        };
      }
    } else {
      from = Number(rv);
      if (from < this.deps.store.compactRevision()) {
        yield { type: 'ERROR', object: expired(`too old resource version: ${from} (${this.deps.store.compactRevision()})`).status };
        return;
      }
    }
    let events: AsyncIterable<StoreWatchEvent>;
    try {
      events = this.deps.store.watch(this.scopePrefix(namespace), from, options.signal);
    } catch (err) {
      if (err instanceof StoreError && err.code === 'Compacted') {
        yield { type: 'ERROR', object: expired(`too old resource version: ${from} (${err.revision ?? 0})`).status };
        return;
      }
      throw err;
    }
    try {
      for await (const ev of events) {
        const cur = ev.type === 'DELETE' ? undefined : this.decode(ev.kv);
        const prev = ev.prevValue !== undefined ? this.decode({ ...ev.kv, value: ev.prevValue }) : undefined;
        const curMatch = cur !== undefined && match(cur);
        const prevMatch = prev !== undefined && match(prev);
        if (ev.type === 'DELETE') {
          if (prevMatch) yield { type: 'DELETED', object: this.decode({ ...ev.kv, value: ev.prevValue! }) };
        } else if (curMatch && prevMatch) {
          yield { type: 'MODIFIED', object: cur };
        } else if (curMatch) {
          yield { type: 'ADDED', object: cur };
        } else if (prevMatch) {
          yield { type: 'DELETED', object: cur! };
        }
      }
    } catch (err) {
      if (err instanceof StoreError && err.code === 'Compacted') {
        yield { type: 'ERROR', object: expired(`too old resource version: ${from} (${err.revision ?? 0})`).status };
        return;
      }
      throw err;
    }
  }

  /** The current store revision (for bookmarks). */
  currentResourceVersion(): string {
    return String(this.deps.store.currentRevision());
  }

  private matcher(options: ListOptions): (obj: KubeObject) => boolean {
    const labels: LabelSelectorMatcher | undefined = options.labelSelector ? parseLabelSelector(options.labelSelector) : undefined;
    const fields: FieldSelectorMatcher | undefined = options.fieldSelector ? parseFieldSelector(options.fieldSelector) : undefined;
    if (fields) {
      for (const r of fields.requirements) {
        if (!this.selectableFields().has(r.field)) throw badRequest(`field label not supported: ${r.field}`);
      }
    }
    return (obj) => {
      if (labels && !labels.matches(obj.metadata.labels ?? {})) return false;
      if (fields) {
        const values = this.fieldsOf(obj);
        if (!fields.matches((f) => values[f])) return false;
      }
      return true;
    };
  }

  private selectableFieldsCache?: Set<string>;

  private selectableFields(): Set<string> {
    if (!this.selectableFieldsCache) {
      const probe = { metadata: {} } as KubeObject;
      this.selectableFieldsCache = new Set(Object.keys(this.fieldsOf(probe)));
    }
    return this.selectableFieldsCache;
  }

  private fieldsOf(obj: KubeObject): Record<string, string> {
    const base: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '' };
    if (this.info.namespaced) base['metadata.namespace'] = obj.metadata.namespace ?? '';
    return { ...base, ...this.strategy.fields?.(obj) };
  }

  private async checkNamespace(namespace: string | undefined, name: string): Promise<void> {
    if (!namespace) throw badRequest('the server could not find the requested resource');
    if (!this.deps.namespaces) return;
    const ns = await this.deps.namespaces(namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces' }, namespace);
    if (ns.metadata.deletionTimestamp || (ns as { status?: { phase?: string } }).status?.phase === 'Terminating') {
      throw forbidden(
        this.groupResource,
        name,
        new Error(`unable to create new content in namespace ${namespace} because it is being terminated`),
      );
    }
  }
}

function encodeContinue(key: string): string {
  return Buffer.from(JSON.stringify({ v: 'podyard/v1', k: key })).toString('base64url');
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString()) as { v?: string; k?: string };
    if (parsed.v === 'podyard/v1' && typeof parsed.k === 'string') return parsed.k;
  } catch {
    // fall through to the Status below
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}
