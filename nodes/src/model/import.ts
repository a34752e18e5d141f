import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { maxModelBytes, readModel } from '../ml/onnx/read-model';

const config = z.object({
  file: z.string().min(1).max(1000).describe('The .onnx file to import (an uploaded file or one beside the graph).'),
  maxMegabytes: z
    .number()
    .positive()
    .max(maxModelBytes / 1e6)
    .default(maxModelBytes / 1e6)
    .describe('Refuse files larger than this.'),
});

/** Imports any ONNX model file; its inputs, outputs and card are read from the file, never by running it. */
export const importModelNode = defineNode({
  type: 'model.import',
  version: 1,
  category: 'model',
  title: 'Import ONNX model',
  description:
    'Reads an .onnx file (scikit-learn, PyTorch, …). Input and output names, types and shapes come from the file; external data files are refused.',
  inputs: {},
  outputs: { model: port.model() },
  config,
  fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.file),
  run: async ({ config, ctx }) => {
    const bytes = await ctx.files.read(config.file, ctx.signal);
    const info = readModel(bytes, config.maxMegabytes * 1e6);
    const inputs = info.inputs.map((i) => `${i.name} ${i.type ?? 'non-tensor'}[${i.dims.map((d) => d ?? '?').join(', ')}]`);
    ctx.log(
      'info',
      `Imported "${config.file}" (${info.producer || 'unknown producer'}, IR ${info.irVersion}): inputs ${inputs.join('; ')}.`,
    );
    return { model: { onnx: bytes, card: { ...info.card, source: config.file, producer: info.producer, opsets: info.opsets } } };
  },
});
