import { Ajv, type ErrorObject } from 'ajv';
import type { Resource } from './documents.js';
import { METALLB_SCHEMAS } from './metallb-schemas.js';
import type { ManifestProblem } from './problem.js';
import { unknownFields } from './strict-fields.js';

interface ModelClass {
  new (data: unknown): { validate(): void };
  apiVersion: string;
  kind: string;
  prototype: { validate(): void };
}

const ajv = new Ajv({ allErrors: true, strict: false });
const metallbValidators = new Map(Object.entries(METALLB_SCHEMAS).map(([kind, schema]) => [kind, ajv.compile(schema)]));

/** Where the published models of an API group live. */
function modelModule(apiVersion: string): string | undefined {
  if (/\.istio\.io\//.test(apiVersion)) return `@kubernetes-models/istio/${apiVersion}`;
  if (apiVersion.startsWith('metallb.io/')) return undefined;
  return `kubernetes-models/${apiVersion}`;
}

const modules = new Map<string, Promise<Record<string, unknown> | undefined>>();
async function modelClass(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const specifier = modelModule(apiVersion);
  if (!specifier) return undefined;
  if (!modules.has(specifier)) {
    modules.set(
      specifier,
      import(specifier).then(
        (m) => m as Record<string, unknown>,
        () => undefined,
      ),
    );
  }
  const exports = await modules.get(specifier);
  const candidate = exports?.[kind] as ModelClass | undefined;
  return candidate && candidate.kind === kind && candidate.apiVersion === apiVersion ? candidate : undefined;
}

/**
 * Validates one object against the Kubernetes, Istio or MetalLB schema of its kind, and also
 * refuses fields the schema does not define (misspellings), which the published schemas allow.
 */
export async function checkSchema(resource: Resource): Promise<ManifestProblem[]> {
  const at = (field: string, message: string): ManifestProblem => ({
    source: resource.source,
    kind: resource.kind || '(no kind)',
    name: resource.name || '(no name)',
    field,
    message,
  });
  if (!resource.apiVersion || !resource.kind) return [at('', 'apiVersion and kind are required')];
  if (!resource.name) return [at('metadata.name', 'is required')];

  const metallb = resource.apiVersion.startsWith('metallb.io/') ? metallbValidators.get(resource.kind) : undefined;
  if (metallb) {
    if (metallb(resource.object)) return [];
    return (metallb.errors ?? []).map((e) => at(ajvPath(e), ajvMessage(e)));
  }

  // Istio's v1 APIs are its v1beta1 promoted unchanged; the published models of some stop at v1beta1.
  let modelVersion = resource.apiVersion;
  let Model = await modelClass(modelVersion, resource.kind);
  if (!Model && /\.istio\.io\/v1$/.test(modelVersion)) {
    modelVersion = `${modelVersion}beta1`;
    Model = await modelClass(modelVersion, resource.kind);
  }
  if (!Model) return [at('apiVersion', `no schema for ${resource.kind} in ${resource.apiVersion}`)];
  const model = new Model({ ...resource.object, apiVersion: modelVersion });
  const problems: ManifestProblem[] = [];
  try {
    model.validate();
  } catch (error) {
    for (const line of String((error as Error).message).split(/\n|, (?=data)/)) {
      const match = /^data\/?(\S*) (.*)$/.exec(line.trim());
      problems.push(at(match ? (match[1]?.replaceAll('/', '.') ?? '') : '', match ? (match[2] ?? line) : line));
    }
  }
  const unknown = unknownFields(model, (tracked) => {
    try {
      Model.prototype.validate.call(tracked as never);
    } catch {
      // Schema errors are reported above; here only the fields the validator read matter.
    }
  });
  for (const field of unknown) problems.push(at(field, `unknown field "${field.split('.').at(-1)}"`));
  return problems;
}

function ajvPath(error: ErrorObject): string {
  const base = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return base ? `${base}.${extra}` : extra;
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return base ? `${base}.${missing}` : missing;
  }
  return base;
}

function ajvMessage(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    return `unknown field "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  }
  if (error.keyword === 'required') return 'is required';
  return error.message ?? 'is invalid';
}
