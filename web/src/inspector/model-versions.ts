import { type ModelVersionInfo, modelWithVersions } from '@causeway/contract';
import { useEffect, useState } from 'react';
import { useServer } from '../app/server-context';

/** A registered model's version as the version picker lists it. */
export type ModelVersionChoice = Pick<ModelVersionInfo, 'version' | 'stage'>;

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
      server.api.request('GET', `/api/models/${encodeURIComponent(name)}`, modelWithVersions).then(
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
