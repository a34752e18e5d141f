import { useEffect, useState } from 'react';
import { useServer } from '../app/server-context';

/** A registered model's version as the version picker lists it. */
export interface ModelVersionChoice {
  version: number;
  stage: string;
}

// The fields of `GET /api/models/{name}` this picker reads.
interface ModelVersionsAnswer {
  items: ModelVersionChoice[];
}

/**
 * The versions of a registered model, newest first, from the server the editor talks to; empty without
 * a server, a model name, or a model of that name.
 */
export function useModelVersions(name: string | undefined): readonly ModelVersionChoice[] {
  const server = useServer();
  const [versions, setVersions] = useState<readonly ModelVersionChoice[]>([]);
  useEffect(() => {
    setVersions([]);
    if (!server || !name) return;
    let live = true;
    // Typing a name asks once it rests.
    const timer = setTimeout(() => {
      server.api.request<ModelVersionsAnswer>('GET', `/api/models/${encodeURIComponent(name)}`).then(
        (answer) => live && setVersions(answer.items.map(({ version, stage }) => ({ version, stage }))),
        () => live && setVersions([]),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [server, name]);
  return versions;
}
