/** A graph as the lists show it: its current name (when known) with its id and version muted. */
export function GraphLabel({ id, name, version }: { id: string; name: string | undefined; version: string }) {
  return (
    <>
      {name ?? id} <span className="muted">{name === undefined || name === id ? version : `${id} ${version}`}</span>
    </>
  );
}
