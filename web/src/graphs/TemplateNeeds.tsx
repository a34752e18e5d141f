import type { TemplateInfo } from '../api/api-client';
import { hrefOf } from '../app/use-route';

type Need = TemplateInfo['needs'][number];

/**
 * What a template reads from the server before it can run (a registered model in a stage, an endpoint),
 * with the way to make each: the template that registers the model (a button), or the page to go to.
 */
export function TemplateNeeds({ template, busy, onUse }: { template: TemplateInfo; busy: boolean; onUse: (templateId: string) => void }) {
  if (template.needs.length === 0) return null;
  return (
    <div className="template-needs">
      <p>Before it runs, the server needs:</p>
      <ul aria-label={`What ${template.name} needs`}>
        {template.needs.map((need) => (
          <li key={`${need.kind}:${need.name}:${need.stage}`}>
            <NeedText need={need} />
            {need.madeBy && (
              <button type="button" disabled={busy} onClick={() => need.madeBy && onUse(need.madeBy.id)}>
                Use {need.madeBy.name} first
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function NeedText({ need }: { need: Need }) {
  if (need.kind === 'endpoint')
    return (
      <>
        an endpoint named “{need.name}” — create it on the <a href={hrefOf('endpoints')}>Endpoints page</a> and serve the model from it.{' '}
      </>
    );
  const which =
    need.stage === 'latest' ? 'a version' : /^\d+$/.test(need.stage ?? '') ? `version ${need.stage}` : `the ${need.stage} version`;
  return (
    <>
      {which} of the model “{need.name}”{need.madeBy ? ': run the template that registers it' : ''}
      {need.stage === 'production' || need.stage === 'staging' ? (
        <>
          , then move a version to {need.stage} on the <a href={hrefOf('models')}>Models page</a>.{' '}
        </>
      ) : (
        '. '
      )}
    </>
  );
}
