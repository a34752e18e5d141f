import type { ColumnType, ModelCard } from '@causeway/sdk';

/** A field the candidate version reads that requests made for the active version may not carry. */
export interface InputMismatch {
  field: string;
  problem: string;
}

const text = new Set<ColumnType>(['string', 'category']);

/** Whether every value a request check of type `active` lets through also passes a check of type `candidate`. */
function accepts(candidate: ColumnType, active: ColumnType): boolean {
  if (candidate === active) return true;
  if (text.has(candidate) && text.has(active)) return true;
  // An integer is a number; a number need not be an integer.
  return candidate === 'number' && active === 'integer';
}

/**
 * The fields a candidate version needs that the active version does not take, or takes with a type the
 * candidate refuses: rows valid for the active version would be refused (422) by the candidate.
 * Fields the candidate no longer reads are harmless (requests may carry extra fields).
 *
 * @example
 * inputMismatches({ features: [{ name: 'age', type: 'number' }] } as ModelCard, { features: [{ name: 'age', type: 'integer' }] } as ModelCard)
 * // [{ field: 'age', problem: 'is integer in the candidate, number in the active version' }]
 */
export function inputMismatches(active: ModelCard, candidate: ModelCard): InputMismatch[] {
  const activeTypes = new Map(active.features.map((f) => [f.name, f.type]));
  const out: InputMismatch[] = [];
  for (const feature of candidate.features) {
    const type = activeTypes.get(feature.name);
    if (type === undefined) out.push({ field: feature.name, problem: 'is required by the candidate; the active version does not take it' });
    else if (!accepts(feature.type, type))
      out.push({ field: feature.name, problem: `is ${feature.type} in the candidate, ${type} in the active version` });
  }
  return out;
}
