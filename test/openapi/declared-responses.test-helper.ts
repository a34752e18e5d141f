import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** What one exchange with the server came to: the operation it hit and how the answer departs from its declaration. */
export interface Checked {
  operation: string;
  status: number;
  problems: string[];
}

interface Operation {
  operationId: string;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
}

type Paths = Record<string, Record<string, Operation>>;

const documentId = 'urn:causeway:openapi';
const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Checks responses against an OpenAPI 3.1 document: the status must be declared for the operation
 * the request matched, the content type among the declared ones, and a JSON body valid (Ajv, JSON
 * Schema 2020-12) against the declared schema, `$ref`s resolved inside the document.
 */
export function declaredResponses(document: { paths: Paths; components: Record<string, Record<string, unknown>> }) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema(document, documentId);
  const routes = Object.entries(document.paths).map(([template, operations]) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    operations,
  }));

  return async function check(method: string, url: string, response: Response): Promise<Checked> {
    const path = new URL(url).pathname;
    const route = routes.find((r) => r.pattern.test(path) && r.operations[method.toLowerCase()] !== undefined);
    const operation = route?.operations[method.toLowerCase()];
    if (route === undefined || operation === undefined)
      return { operation: `${method} ${path}`, status: response.status, problems: ['no operation'] };
    const problems: string[] = [];
    const status = String(response.status);
    let declared = operation.responses[status];
    let at = pointer('paths', route.template, method.toLowerCase(), 'responses', status);
    if (declared?.$ref !== undefined) {
      at = declared.$ref.slice(2);
      declared = document.components.responses?.[declared.$ref.split('/').at(-1) as string] as typeof declared;
    }
    const done = () => ({ operation: operation.operationId, status: response.status, problems });
    if (declared === undefined) return { ...done(), problems: [`status ${status} is not declared`] };
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (declared.content === undefined || response.status === 204) {
      if (type !== '' && (await response.clone().arrayBuffer()).byteLength > 0) problems.push(`a ${type} body where none is declared`);
      return done();
    }
    if (declared.content[type] === undefined) return { ...done(), problems: [`content type "${type}" is not declared`] };
    if (type !== 'application/json') return done();
    const validate = ajv.getSchema(`${documentId}#/${at}/content/${pointer(type)}/schema`);
    if (validate === undefined) return { ...done(), problems: ['no schema'] };
    if (!validate(await response.clone().json())) {
      for (const e of validate.errors ?? []) problems.push(`${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    }
    return done();
  };
}
