/**
 * apiserver/protobuf: decoding of Kubernetes protobuf request bodies
 * (`application/vnd.kubernetes.protobuf`), which kubectl's typed `create …` subcommands send.
 * Pure code, no I/O. See docs/kubectl-compat.md §10.
 */
export {
  decodeProtobufObject,
  decodeMessage,
  supportedProtobufKinds,
  goDuration,
  PROTOBUF_MEDIA_TYPE,
  PROTOBUF_MAGIC,
  type DecodedProtobufObject,
} from './decode.js';
export { ProtobufError, type ProtobufErrorCode } from './errors.js';
export { ProtoWriter, readFields, WireType, type WireField } from './wire.js';
