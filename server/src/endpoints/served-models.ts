import { UserError } from '@causeway/sdk';
import type { ModelVersionSource } from './model-version-source';
import { openServedModel, type ServedModel } from './served-model';

interface Entry {
  model: Promise<ServedModel>;
  /** The model once opened, for callers that need not wait. */
  ready: ServedModel | undefined;
  used: number;
}

/**
 * Loaded model versions, one onnxruntime session per (model, version), opened on first use and kept:
 * versions are immutable, so a session never goes stale. The least recently used beyond `max` are released.
 */
export class ServedModels {
  private readonly entries = new Map<string, Entry>();
  private clock = 0;
  /** Sessions opened so far (a version is opened once unless evicted). */
  loads = 0;

  constructor(
    private readonly source: ModelVersionSource,
    private readonly max = 16,
  ) {}

  /** Versions open or opening now (at most `max`). */
  get size(): number {
    return this.entries.size;
  }

  /** The loaded version; the promise is shared, so concurrent first requests load it once. */
  get(modelName: string, version: number): Promise<ServedModel> {
    return this.entry(modelName, version).model;
  }

  /** The loaded version at once, or undefined while it is still being opened (then use {@link get}). */
  ready(modelName: string, version: number): ServedModel | undefined {
    return this.entry(modelName, version).ready;
  }

  private entry(modelName: string, version: number): Entry {
    const key = `${modelName}\u0000${version}`;
    const entry = this.entries.get(key);
    if (entry === undefined) {
      // Stamped before eviction runs, so the version just asked for is the newest, never the one evicted.
      const created: Entry = { model: this.open(modelName, version), ready: undefined, used: ++this.clock };
      created.model.then(
        (model) => {
          created.ready = model;
        },
        () => this.entries.delete(key),
      );
      this.entries.set(key, created);
      this.evict();
      return created;
    }
    entry.used = ++this.clock;
    return entry;
  }

  private async open(modelName: string, version: number): Promise<ServedModel> {
    const info = await this.source.info(modelName, version);
    if (info === undefined) throw new UserError('MODEL_VERSION_UNKNOWN', `The model registry has no version ${version} of "${modelName}".`);
    const onnx = await this.source.onnx(info);
    this.loads++;
    return openServedModel(modelName, version, onnx, info.card, info.scoringPath);
  }

  private evict(): void {
    if (this.entries.size <= this.max) return;
    const oldest = [...this.entries].sort((a, b) => a[1].used - b[1].used).slice(0, this.entries.size - this.max);
    for (const [key, entry] of oldest) {
      this.entries.delete(key);
      void entry.model.then((m) => m.session.release()).catch(() => {});
    }
  }

  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.model.then((m) => m.session.release()).catch(() => {})));
  }
}
