import { defineNode, port, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { classifierOutputsKey } from '../ml/onnx/classifier-outputs';
import { maxModelBytes, readModel } from '../ml/onnx/read-model';

const config = z.object({
  file: z.string().min(1).max(1000).describe('The .onnx file to import (an uploaded file or one beside the graph).'),
  maxMegabytes: z
    .number()
    .positive()
    .max(maxModelBytes / 1e6)
    .default(maxModelBytes / 1e6)
    .describe('Refuse files larger than this.'),
  classifier: z
    .object({
      label: z.string().min(1).optional().describe('The output holding the predicted class, if the model has one.'),
      probabilities: z.string().min(1).describe('The output holding one probability per class: [rows, classes].'),
      classes: z.array(z.string().min(1)).min(2).max(10_000).describe('The class of each probability, in order.'),
    })
    .optional()
    .describe(
      'For a classifier: which outputs hold the label and the class probabilities, and the class names. Predict then writes prediction and probability_<class> columns, which Evaluate reads.',
    ),
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
    const card = { ...info.card, source: config.file, producer: info.producer, opsets: info.opsets };
    const declared = config.classifier;
    if (declared === undefined) return { model: { onnx: bytes, card } };
    const tensors = info.outputs.filter((o) => o.type !== undefined).map((o) => o.name);
    for (const field of ['label', 'probabilities'] as const) {
      const name = declared[field];
      if (name !== undefined && !tensors.includes(name)) {
        const message = `The model has no tensor output "${name}"; its tensor outputs are ${tensors.map((t) => `"${t}"`).join(', ') || 'none'}.`;
        throw new UserError('CONFIG_INVALID', message, {
          issues: [{ code: 'CONFIG_INVALID', path: ['config', 'classifier', field], message }],
        });
      }
    }
    const outputs = { probabilities: declared.probabilities, ...(declared.label === undefined ? {} : { label: declared.label }) };
    return {
      model: {
        onnx: bytes,
        card: { ...card, task: 'classification' as const, classes: declared.classes, [classifierOutputsKey]: outputs },
      },
    };
  },
});
