import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { AuditRepository } from '../repositories/audit-repository';
import { EndpointChanges } from './endpoint-changes';
import { EndpointPredictor } from './endpoint-predictor';
import { EndpointStateCache } from './endpoint-state-cache';
import { EndpointsRepository } from './endpoints-repository';
import { EndpointFigures } from './live-figures';
import type { ModelVersionSource } from './model-version-source';
import { PredictionFeedback } from './prediction-feedback';
import { SampleWriter } from './sample-writer';
import { ServedModels } from './served-models';

/** Settings of {@link startEndpoints}. */
export interface EndpointsOptions {
  /** How old cached endpoint state may get before it is read again (ms, default 1,000): how soon other processes see a change. */
  stateTtlMs?: number;
  /** Decides canary and sampling; seed it in tests (default `Math.random`). */
  random?: () => number;
  /** How often samples and counts are written (ms, default 1,000). */
  flushMs?: number;
  /** How often old samples are deleted (ms, default one hour). */
  sweepMs?: number;
  /** Endpoint states the predict path keeps (default 10,000: `CAUSEWAY_ENDPOINT_STATE_CACHE_ENTRIES`). */
  stateCacheEntries?: number;
  /** Model versions kept open (default 16: `CAUSEWAY_SERVED_MODELS`). */
  servedModels?: number;
}

/** Model serving for one server process: state cache, loaded versions, figures, sampling, changes. */
export interface Endpoints {
  repository: EndpointsRepository;
  states: EndpointStateCache;
  models: ServedModels;
  figures: EndpointFigures;
  samples: SampleWriter;
  predictor: EndpointPredictor;
  changes: EndpointChanges;
  /** Outcomes sent as feedback and the live metrics they give. */
  feedback: PredictionFeedback;
  db: Kysely<Database>;
  versions: ModelVersionSource;
  /** Writes what is queued (samples, counts) now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts model serving: background writers for samples and counts, and the retention sweep.
 *
 * @example
 * const endpoints = startEndpoints({ db, versions: modelVersionsIn(db, artifacts), audit, logger });
 */
export function startEndpoints(deps: {
  db: Kysely<Database>;
  versions: ModelVersionSource;
  audit: AuditRepository;
  logger: Logger;
  options?: EndpointsOptions;
}): Endpoints {
  const options = deps.options ?? {};
  const repository = new EndpointsRepository(deps.db);
  const states = new EndpointStateCache((name) => repository.get(name), options.stateTtlMs ?? 1_000, options.stateCacheEntries);
  const models = new ServedModels(deps.versions, options.servedModels);
  const figures = new EndpointFigures();
  const samples = new SampleWriter(deps.db, deps.logger);
  const predictor = new EndpointPredictor({ states, models, figures, samples, logger: deps.logger, random: options.random ?? Math.random });
  const changes = new EndpointChanges(repository, deps.versions, deps.audit, states, deps.logger);
  const feedback = new PredictionFeedback(deps.db, deps.versions);
  let appliedAfter = 0;
  // Outcomes that arrived before their prediction was logged are matched once rows have been written.
  const applyPending = async () => {
    if (samples.written === appliedAfter) return;
    appliedAfter = samples.written;
    for (const state of await repository.list()) if (state.feedback) await feedback.apply(state);
  };
  const warn = (what: string) => (error: unknown) =>
    deps.logger.warn(what, { error: error instanceof Error ? error.message : String(error) });
  const flush = async () => {
    await predictor.idle();
    await samples.flush();
    await applyPending().catch(warn('endpoint feedback not applied'));
    await figures.flush(deps.db).catch(warn('endpoint counts not stored'));
  };
  const flushTimer = setInterval(() => void flush(), options.flushMs ?? 1_000);
  const sweepTimer = setInterval(() => void samples.sweep().catch(warn('endpoint sample retention failed')), options.sweepMs ?? 3_600_000);
  flushTimer.unref();
  sweepTimer.unref();
  void samples.sweep().catch(warn('endpoint sample retention failed'));
  return {
    repository,
    states,
    models,
    figures,
    samples,
    predictor,
    changes,
    feedback,
    db: deps.db,
    versions: deps.versions,
    flush,
    close: async () => {
      clearInterval(flushTimer);
      clearInterval(sweepTimer);
      await flush();
      await models.close();
    },
  };
}
