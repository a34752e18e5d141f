import { randomUUID } from 'node:crypto';
import { UserError } from '@causeway/sdk';
import type { Logger } from '../logger';
import type { EndpointState } from './endpoint-state';
import type { EndpointStateCache } from './endpoint-state-cache';
import type { EndpointFigures } from './live-figures';
import { type ModelAnswer, modelAnswer } from './model-answer';
import { pipelineFeeds } from './pipeline-feeds';
import { type PredictBody, requestFeeds } from './request-feeds';
import type { SampledRequest, SampleWriter } from './sample-writer';
import type { ServedModels } from './served-models';
import { shadowDisagreements } from './shadow-disagreements';

/** The answer to one predict request. */
export interface PredictAnswer extends ModelAnswer {
  endpoint: string;
  model: string;
  version: number;
  requestId: string;
}

/** What the predictor works with; `random` (in [0, 1)) decides canary and sampling, seedable in tests. */
export interface PredictorDeps {
  states: EndpointStateCache;
  models: ServedModels;
  figures: EndpointFigures;
  samples: SampleWriter;
  logger: Logger;
  random: () => number;
}

/** Which version answers: the canary for its share of requests, the active version otherwise. */
export function chooseVersion(state: EndpointState, draw: number): number | null {
  if (state.canaryVersion !== null && state.canaryPercent > 0 && draw * 100 < state.canaryPercent) return state.canaryVersion;
  return state.activeVersion;
}

async function score(deps: PredictorDeps, state: EndpointState, version: number, body: PredictBody) {
  const model = deps.models.ready(state.modelName, version) ?? (await deps.models.get(state.modelName, version));
  const { rows, feeds } = model.pipeline ? await pipelineFeeds(model, model.pipeline, body) : requestFeeds(model, body);
  const result = await model.session.run(feeds, model.fetch);
  return { rows, answer: modelAnswer(model, result, rows), model };
}

/**
 * The predict path: endpoint state from the cache (no database read), the version by canary share,
 * rows checked against that version's card, one `session.run`, figures recorded. Sampling and the
 * shadow version run after the answer is on its way and can never change or delay it.
 */
export class EndpointPredictor {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: PredictorDeps) {}

  /** Resolves once sampling and shadow work queued so far is done. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async predict(name: string, body: PredictBody): Promise<PredictAnswer> {
    const started = performance.now();
    const cached = this.deps.states.current(name);
    const state = cached === undefined ? await this.deps.states.get(name) : cached.state;
    if (state === undefined) throw new UserError('NOT_FOUND', `No endpoint named "${name}".`);
    const version = chooseVersion(state, this.deps.random());
    if (version === null) {
      this.deps.figures.record(name, 0, 0, performance.now() - started, true);
      throw new UserError(
        'ENDPOINT_NOT_READY',
        `Endpoint "${name}" has no active version yet: promote a version of "${state.modelName}" first.`,
      );
    }
    let scored: Awaited<ReturnType<typeof score>>;
    try {
      scored = await score(this.deps, state, version, body);
    } catch (error) {
      this.deps.figures.record(name, version, 0, performance.now() - started, true);
      throw error;
    }
    this.deps.figures.record(name, version, scored.rows, performance.now() - started, false);
    const requestId = randomUUID();
    // With feedback on every answered row is logged, so an outcome can be matched to it.
    const sampled = state.feedback || (state.sampleRate > 0 && this.deps.random() < state.sampleRate);
    const shadow = state.shadowVersion !== null && state.shadowVersion !== version ? state.shadowVersion : null;
    const at = new Date();
    // Queued as it is (rows are built when written), so a logged request costs no extra turn here.
    if (sampled)
      this.deps.samples.add({
        endpoint: name,
        requestId,
        role: 'answer',
        version,
        features: scored.model.features,
        body,
        answer: scored.answer,
        at,
      });
    if (shadow !== null) {
      const work = new Promise<void>((done) => setImmediate(done))
        .then(() =>
          this.scoreShadow(state, { requestId, body, answer: scored.answer, sampled, shadow, at, features: scored.model.features }),
        )
        .catch((error: unknown) => this.deps.logger.warn('endpoint sampling failed', { endpoint: name, error: String(error) }))
        .finally(() => this.pending.delete(work));
      this.pending.add(work);
    }
    return { endpoint: name, model: state.modelName, version, requestId, ...scored.answer };
  }

  private async scoreShadow(
    state: EndpointState,
    a: {
      requestId: string;
      body: PredictBody;
      answer: ModelAnswer;
      sampled: boolean;
      shadow: number;
      at: Date;
      features: SampledRequest['features'];
    },
  ): Promise<void> {
    try {
      const shadow = await score(this.deps, state, a.shadow, a.body);
      const disagreements = shadowDisagreements(a.answer.predictions, shadow.answer.predictions, state.shadowTolerance);
      this.deps.figures.recordShadow(state.name, false, disagreements);
      if (a.sampled)
        this.deps.samples.add({
          endpoint: state.name,
          requestId: a.requestId,
          role: 'shadow',
          version: a.shadow,
          features: a.features,
          body: a.body,
          answer: shadow.answer,
          at: a.at,
        });
    } catch (error) {
      this.deps.figures.recordShadow(state.name, true, 0);
      this.deps.logger.warn('shadow scoring failed', {
        endpoint: state.name,
        version: a.shadow,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
