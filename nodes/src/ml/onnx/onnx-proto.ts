/**
 * The ONNX protobuf classes (onnx-proto ships them as one CommonJS namespace) and the enum numbers
 * this folder writes and checks, spelled out so no code depends on how the CommonJS enums load.
 */
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;
export type { onnx as OnnxTypes } from 'onnx-proto';

/** TensorProto.DataType numbers. */
export const dataType = {
  float: 1,
  uint8: 2,
  int8: 3,
  uint16: 4,
  int16: 5,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  float16: 10,
  double: 11,
  uint32: 12,
  uint64: 13,
} as const;

/** AttributeProto.AttributeType numbers. */
export const attributeType = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

/** The versions every model written here declares: they run in onnxruntime-node and -web alike. */
export const versions = { ir: 8, opset: 13, mlOpset: 1 } as const;
