import { ProtobufError } from './errors.js';

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/#structure). */
export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;

/** One field occurrence: its number, wire type and raw value (varints as bigint, fixed as bytes). */
export interface WireField {
  number: number;
  wireType: number;
  /** Varint value (wire type 0). */
  varint?: bigint;
  /** Bytes of a length-delimited, fixed32 or fixed64 value. */
  bytes?: Uint8Array;
}

/**
 * Splits one protobuf message into its field occurrences, in wire order. Groups (deprecated, never
 * used by Kubernetes) are rejected. Throws `ProtobufError('Malformed')` on truncation.
 */
export function readFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  const malformed = (what: string): never => {
    throw new ProtobufError('Malformed', `protobuf: ${what} at offset ${pos}`);
  };
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (pos >= buf.length) malformed('truncated varint');
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    return malformed('varint longer than 10 bytes');
  };
  const take = (n: number): Uint8Array => {
    if (n < 0 || pos + n > buf.length) malformed('truncated field');
    const out = buf.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  while (pos < buf.length) {
    const key = varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (number === 0) malformed('field number 0');
    switch (wireType) {
      case WireType.Varint:
        fields.push({ number, wireType, varint: varint() });
        break;
      case WireType.Fixed64:
        fields.push({ number, wireType, bytes: take(8) });
        break;
      case WireType.LengthDelimited: {
        const len = varint();
        if (len > BigInt(buf.length)) malformed('length past end of message');
        fields.push({ number, wireType, bytes: take(Number(len)) });
        break;
      }
      case WireType.Fixed32:
        fields.push({ number, wireType, bytes: take(4) });
        break;
      default:
        malformed(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

/**
 * A minimal protobuf encoder: enough to build `runtime.Unknown` envelopes and test bodies. Fields are
 * written in call order; nested messages are built with a child writer and {@link ProtoWriter.message}.
 */
export class ProtoWriter {
  private readonly chunks: number[] = [];

  /** Writes a varint field (int32/int64/bool/enum). Negative numbers use 10-byte two's complement like Go. */
  varint(field: number, value: number | bigint | boolean): this {
    this.key(field, WireType.Varint);
    this.rawVarint(BigInt.asUintN(64, BigInt(typeof value === 'boolean' ? (value ? 1 : 0) : value)));
    return this;
  }

  /** Writes a string field (UTF-8). */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** Writes a length-delimited field. */
  bytes(field: number, value: Uint8Array): this {
    this.key(field, WireType.LengthDelimited);
    this.rawVarint(BigInt(value.length));
    for (const b of value) this.chunks.push(b);
    return this;
  }

  /** Writes an embedded message field. */
  message(field: number, inner: ProtoWriter): this {
    return this.bytes(field, inner.finish());
  }

  /** Writes a `map<string, string|bytes>` entry (field 1 key, field 2 value). */
  mapEntry(field: number, key: string, value: string | Uint8Array): this {
    const entry = new ProtoWriter().string(1, key);
    if (typeof value === 'string') entry.string(2, value);
    else entry.bytes(2, value);
    return this.message(field, entry);
  }

  /** Writes a fixed32 (wire type 5) field from raw little-endian bytes' numeric value. */
  fixed32(field: number, value: number): this {
    this.key(field, WireType.Fixed32);
    for (let i = 0; i < 4; i++) this.chunks.push((value >>> (8 * i)) & 0xff);
    return this;
  }

  /** Writes a fixed64 (wire type 1) field. */
  fixed64(field: number, value: bigint): this {
    this.key(field, WireType.Fixed64);
    const v = BigInt.asUintN(64, value);
    for (let i = 0n; i < 8n; i++) this.chunks.push(Number((v >> (8n * i)) & 0xffn));
    return this;
  }

  /** The encoded message. */
  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }

  private key(field: number, wireType: number): void {
    this.rawVarint((BigInt(field) << 3n) | BigInt(wireType));
  }

  private rawVarint(v: bigint): void {
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) b |= 0x80;
      this.chunks.push(b);
    } while (v !== 0n);
  }
}
