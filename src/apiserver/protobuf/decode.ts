import { ProtobufError } from './errors.js';
import { FieldFlag, messageTables, type FieldRow } from './field-tables.js';
import { readFields, WireType, type WireField } from './wire.js';

/** The media type kubectl's typed clients send (`kubectl create configmap|secret|namespace|…`). */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** The 4-byte prefix of every Kubernetes protobuf body: `k8s\0`. */
export const PROTOBUF_MAGIC: Uint8Array = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** `apiVersion/kind` → root message in {@link messageTables}. */
const kindMessages: Readonly<Record<string, string>> = {
  'v1/ConfigMap': 'core.v1.ConfigMap',
  'v1/Secret': 'core.v1.Secret',
  'v1/Namespace': 'core.v1.Namespace',
  'v1/ServiceAccount': 'core.v1.ServiceAccount',
  'v1/Service': 'core.v1.Service',
  'v1/Pod': 'core.v1.Pod',
  'v1/Endpoints': 'core.v1.Endpoints',
  'v1/Event': 'core.v1.Event',
  'apps/v1/Deployment': 'apps.v1.Deployment',
};

/** The `apiVersion/kind` pairs {@link decodeProtobufObject} understands. */
export function supportedProtobufKinds(): string[] {
  return Object.keys(kindMessages);
}

/** The result of {@link decodeProtobufObject}. */
export interface DecodedProtobufObject {
  apiVersion: string;
  kind: string;
  /** The object exactly as kubectl would have sent it as JSON (`kind`, `apiVersion` first). */
  object: Record<string, unknown>;
}

/**
 * Decodes a Kubernetes protobuf request body (`Content-Type: application/vnd.kubernetes.protobuf`):
 * the magic `k8s\0`, then a `runtime.Unknown` {1 typeMeta {1 apiVersion, 2 kind}, 2 raw,
 * 3 contentEncoding, 4 contentType} whose `raw` is the object's `generated.proto` message.
 *
 * The output mirrors Go's `encoding/json` of the decoded struct — what `kubectl create … -o json
 * --dry-run=client` prints — so the rest of the API server only ever sees JSON-shaped objects:
 * `omitempty` zero values dropped, value-type structs always present (`"status":{}`), unset
 * `metav1.Time` as `null` (`"creationTimestamp":null`), `bytes` as base64, `IntOrString` as number or
 * string, `Quantity` as its string, `FieldsV1`/`RawExtension` as parsed JSON.
 *
 * Called by the API server's body decoder for POST/PUT bodies with the protobuf media type.
 * @throws ProtobufError `Malformed` or `UnsupportedKind`.
 */
export function decodeProtobufObject(body: Uint8Array): DecodedProtobufObject {
  // 1. Envelope: magic + runtime.Unknown.
  if (body.length < PROTOBUF_MAGIC.length || !PROTOBUF_MAGIC.every((b, i) => body[i] === b)) {
    throw new ProtobufError('Malformed', 'protobuf: body does not start with the k8s\\0 prefix');
  }
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array();
  let contentEncoding = '';
  let contentType = '';
  for (const f of readFields(body.subarray(PROTOBUF_MAGIC.length))) {
    if (f.number === 1 && f.bytes && f.wireType === WireType.LengthDelimited) {
      for (const t of readFields(f.bytes)) {
        if (t.number === 1) apiVersion = utf8(bytesOf(t, 'Unknown.typeMeta.apiVersion'));
        if (t.number === 2) kind = utf8(bytesOf(t, 'Unknown.typeMeta.kind'));
      }
    } else if (f.number === 2) raw = bytesOf(f, 'Unknown.raw');
    else if (f.number === 3) contentEncoding = utf8(bytesOf(f, 'Unknown.contentEncoding'));
    else if (f.number === 4) contentType = utf8(bytesOf(f, 'Unknown.contentType'));
  }
  if (contentEncoding !== '') {
    throw new ProtobufError('Malformed', `protobuf: unsupported contentEncoding "${contentEncoding}"`);
  }
  if (contentType !== '' && contentType !== PROTOBUF_MEDIA_TYPE) {
    throw new ProtobufError('Malformed', `protobuf: unsupported embedded contentType "${contentType}"`);
  }
  if (!kind || !apiVersion) throw new ProtobufError('Malformed', 'protobuf: Unknown.typeMeta lacks apiVersion or kind');

  // 2. The object itself.
  const message = kindMessages[`${apiVersion}/${kind}`];
  if (!message) {
    throw new ProtobufError('UnsupportedKind', `protobuf: no decoder for ${kind} in ${apiVersion}`);
  }
  const object = { kind, apiVersion, ...decodeMessage(raw, message) };
  return { apiVersion, kind, object };
}

/** Decodes one message of the tables into its JSON object (exported for tests and future callers). */
export function decodeMessage(buf: Uint8Array, message: string): Record<string, unknown> {
  const rows = messageTables[message];
  if (!rows) throw new ProtobufError('UnsupportedKind', `protobuf: no field table for ${message}`);
  const byNumber = new Map<number, FieldRow>();
  for (const row of rows) byNumber.set(row[0], row);

  // Group occurrences by field; unknown field numbers are skipped, as proto decoders do.
  const seen = new Map<number, WireField[]>();
  for (const f of readFields(buf)) {
    if (!byNumber.has(f.number)) continue;
    const list = seen.get(f.number);
    if (list) list.push(f);
    else seen.set(f.number, [f]);
  }

  const out: Record<string, unknown> = {};
  for (const [number, json, type, flags] of rows) {
    const occurrences = seen.get(number) ?? [];
    const path = `${message}.${json}`;
    const repeated = (flags & FieldFlag.Repeated) !== 0;
    const valueType = (flags & FieldFlag.Value) !== 0;
    const always = (flags & FieldFlag.Always) !== 0;

    if (flags & FieldFlag.Inline) {
      // 3. json:",inline": splice the sub-message's keys in (occurrences of a message field merge).
      Object.assign(out, decodeMessage(concat(occurrences.map((o) => bytesOf(o, path))), type));
      continue;
    }

    if (type.startsWith('map:')) {
      // 4. Maps: repeated entries {1 key, 2 value}; later keys win, as in Go.
      const [, keyType = 'string', valueTypeName = 'string'] = type.split(':');
      if (occurrences.length === 0) {
        if (always) out[json] = null;
        continue;
      }
      const map: Record<string, unknown> = {};
      for (const o of occurrences) {
        const entry = readFields(bytesOf(o, path));
        const keyField = entry.filter((e) => e.number === 1).at(-1);
        const valueFields = entry.filter((e) => e.number === 2);
        const key = keyField ? scalar(keyField, keyType, path) : zeroScalar(keyType);
        map[String(key)] = decodeValue(valueFields, valueTypeName, path);
      }
      out[json] = map;
      continue;
    }

    if (repeated) {
      // 5. Lists: each occurrence is an element; numeric scalars may also arrive packed.
      const items: unknown[] = [];
      for (const o of occurrences) {
        if (isMessageType(type)) items.push(decodeValue([o], type, path));
        else if (o.wireType === WireType.LengthDelimited && type !== 'string' && type !== 'bytes') {
          items.push(...unpack(bytesOf(o, path), type, path));
        } else items.push(scalar(o, type, path));
      }
      if (items.length > 0) out[json] = items;
      else if (always) out[json] = null;
      continue;
    }

    // 6. Singular fields.
    if (occurrences.length === 0) {
      if (valueType && isMessageType(type)) out[json] = decodeValue([], type, path);
      else if (valueType && always) out[json] = zeroScalar(type);
      else if (always) out[json] = null;
      continue;
    }
    const value = decodeValue(occurrences, type, path);
    if (valueType && !always && !isMessageType(type) && isZero(value)) continue; // omitempty
    out[json] = value;
  }
  return out;
}

const SCALARS = new Set([
  'double', 'float', 'int64', 'uint64', 'int32', 'fixed64', 'fixed32', 'bool', 'string', 'bytes',
  'uint32', 'sfixed32', 'sfixed64', 'sint32', 'sint64',
]);

function isMessageType(type: string): boolean {
  return !SCALARS.has(type);
}

/** Decodes a (possibly absent, possibly repeated-and-merged) singular value of `type`. */
function decodeValue(occurrences: WireField[], type: string, path: string): unknown {
  if (!isMessageType(type)) {
    const last = occurrences.at(-1);
    return last ? scalar(last, type, path) : zeroScalar(type);
  }
  // A message field seen several times is merged; concatenating the encodings does exactly that.
  const buf = concat(occurrences.map((o) => bytesOf(o, path)));
  switch (type) {
    case 'meta.v1.Time':
      return decodeTime(buf, path, false);
    case 'meta.v1.MicroTime':
      return decodeTime(buf, path, true);
    case 'meta.v1.Duration': {
      const d = readFields(buf).filter((f) => f.number === 1).at(-1);
      return goDuration(d ? BigInt.asIntN(64, varintOf(d, path)) : 0n);
    }
    case 'IntOrString': {
      let kind = 0n;
      let intVal = 0;
      let strVal = '';
      for (const f of readFields(buf)) {
        if (f.number === 1) kind = varintOf(f, path);
        if (f.number === 2) intVal = Number(BigInt.asIntN(32, varintOf(f, path)));
        if (f.number === 3) strVal = utf8(bytesOf(f, path));
      }
      return kind === 1n ? strVal : intVal;
    }
    case 'Quantity': {
      const s = readFields(buf).filter((f) => f.number === 1).at(-1);
      const text = s ? utf8(bytesOf(s, path)) : '';
      return text === '' ? '0' : text;
    }
    case 'meta.v1.FieldsV1':
    case 'RawExtension': {
      const r = readFields(buf).filter((f) => f.number === 1).at(-1);
      const bytes = r ? bytesOf(r, path) : new Uint8Array();
      if (bytes.length === 0) return null;
      try {
        return JSON.parse(utf8(bytes)) as unknown;
      } catch (err) {
        throw new ProtobufError('Malformed', `protobuf: ${path} is not JSON`, { cause: err });
      }
    }
    default:
      return decodeMessage(buf, type);
  }
}

/** `metav1.Time` / `MicroTime`: an empty message is the zero time, which Go marshals as `null`. */
function decodeTime(buf: Uint8Array, path: string, micro: boolean): string | null {
  if (buf.length === 0) return null;
  let seconds = 0n;
  let nanos = 0;
  for (const f of readFields(buf)) {
    if (f.number === 1) seconds = BigInt.asIntN(64, varintOf(f, path));
    if (f.number === 2) nanos = Number(BigInt.asIntN(32, varintOf(f, path)));
  }
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) throw new ProtobufError('Malformed', `protobuf: ${path} out of range`);
  const base = date.toISOString().slice(0, 19); // RFC3339 without fraction, UTC
  return micro ? `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${base}Z`;
}

/** Go's `time.Duration.String()` (`1h2m3.5s`, `1.5ms`, `0s`), which `metav1.Duration` marshals. */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  const frac = (v: bigint, digits: number): string => {
    const s = v.toString().padStart(digits, '0').replace(/0+$/, '');
    return s ? `.${s}` : '';
  };
  if (u < 1_000_000_000n) {
    if (u < 1000n) out = `${u}ns`;
    else if (u < 1_000_000n) out = `${u / 1000n}${frac(u % 1000n, 3)}µs`;
    else out = `${u / 1_000_000n}${frac(u % 1_000_000n, 6)}ms`;
  } else {
    out = `${frac(u % 1_000_000_000n, 9)}s`;
    u /= 1_000_000_000n;
    out = `${u % 60n}${out}`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

function scalar(f: WireField, type: string, path: string): unknown {
  switch (type) {
    case 'string':
      return utf8(bytesOf(f, path));
    case 'bytes':
      return Buffer.from(bytesOf(f, path)).toString('base64');
    case 'bool':
      return varintOf(f, path) !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, varintOf(f, path)));
    case 'uint32':
      return Number(BigInt.asUintN(32, varintOf(f, path)));
    case 'int64':
      return Number(BigInt.asIntN(64, varintOf(f, path)));
    case 'uint64':
      return Number(varintOf(f, path));
    case 'sint32':
    case 'sint64': {
      const v = varintOf(f, path);
      return Number((v >> 1n) ^ -(v & 1n));
    }
    case 'fixed32':
    case 'sfixed32':
    case 'float': {
      const view = fixedView(f, 4, path);
      if (type === 'float') return view.getFloat32(0, true);
      return type === 'fixed32' ? view.getUint32(0, true) : view.getInt32(0, true);
    }
    case 'fixed64':
    case 'sfixed64':
    case 'double': {
      const view = fixedView(f, 8, path);
      if (type === 'double') return view.getFloat64(0, true);
      return Number(type === 'fixed64' ? view.getBigUint64(0, true) : view.getBigInt64(0, true));
    }
    default:
      throw new ProtobufError('Malformed', `protobuf: ${path}: unknown scalar type ${type}`);
  }
}

/** Decodes a packed repeated numeric field. */
function unpack(buf: Uint8Array, type: string, path: string): unknown[] {
  const out: unknown[] = [];
  const width = ['fixed32', 'sfixed32', 'float'].includes(type) ? 4 : ['fixed64', 'sfixed64', 'double'].includes(type) ? 8 : 0;
  if (width) {
    if (buf.length % width !== 0) throw new ProtobufError('Malformed', `protobuf: ${path}: bad packed length`);
    for (let i = 0; i < buf.length; i += width) {
      out.push(scalar({ number: 0, wireType: width === 4 ? WireType.Fixed32 : WireType.Fixed64, bytes: buf.subarray(i, i + width) }, type, path));
    }
    return out;
  }
  // Varints: re-use the field reader by prefixing each value with a synthetic key.
  let pos = 0;
  while (pos < buf.length) {
    let end = pos;
    while (end < buf.length && (buf[end]! & 0x80) !== 0) end++;
    if (end >= buf.length) throw new ProtobufError('Malformed', `protobuf: ${path}: truncated packed varint`);
    const [field] = readFields(concat([Uint8Array.of(0x08), buf.subarray(pos, end + 1)]));
    out.push(scalar(field!, type, path));
    pos = end + 1;
  }
  return out;
}

function zeroScalar(type: string): unknown {
  if (type === 'string' || type === 'bytes') return '';
  if (type === 'bool') return false;
  return 0;
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function bytesOf(f: WireField, path: string): Uint8Array {
  if (f.wireType !== WireType.LengthDelimited || !f.bytes) {
    throw new ProtobufError('Malformed', `protobuf: ${path}: expected length-delimited field, got wire type ${f.wireType}`);
  }
  return f.bytes;
}

function varintOf(f: WireField, path: string): bigint {
  if (f.wireType !== WireType.Varint || f.varint === undefined) {
    throw new ProtobufError('Malformed', `protobuf: ${path}: expected varint field, got wire type ${f.wireType}`);
  }
  return f.varint;
}

function fixedView(f: WireField, width: 4 | 8, path: string): DataView {
  const expected = width === 4 ? WireType.Fixed32 : WireType.Fixed64;
  if (f.wireType !== expected || !f.bytes || f.bytes.length !== width) {
    throw new ProtobufError('Malformed', `protobuf: ${path}: expected fixed${width * 8} field, got wire type ${f.wireType}`);
  }
  return new DataView(f.bytes.buffer, f.bytes.byteOffset, width);
}

const decoder = new TextDecoder();

function utf8(b: Uint8Array): string {
  return decoder.decode(b);
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
