import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = {
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, unknown>;
};

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details with a stable machine key',
  required: ['type', 'title', 'status', 'key'],
  properties: {
    type: { type: 'string', example: 'urn:carebridge:problem:request.validation_failed' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    key: { type: 'string', example: 'REQUEST.VALIDATION_FAILED' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    instance: { type: 'string' },
    requestId: { type: 'string' },
  },
};

const DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid input: the problem names each field',
  '401': 'No valid access token (a public route also refuses an invalid one)',
  '403': 'Signed in, but not allowed to do this',
  '404': 'No such resource',
  '409': 'Conflicts with the current state',
  '413': 'The body is too large',
  '415': 'The body is not application/json',
  '429': 'Too many requests: wait for Retry-After',
};

/**
 * Documents the failures the platform itself answers on every route (validation, the token guard,
 * unknown ids, the body rules, rate limits), as problem+json, wherever a controller did not
 * document that status itself, so the document tells a client every status it can receive.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem ??= PROBLEM_SCHEMA;
  const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item as Record<string, unknown>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value as Operation;
      const write = method !== 'get';
      const statuses = ['400', '401', '429'];
      if (write || operation.security?.length) statuses.push('403');
      if (path.includes('{')) statuses.push('404');
      if (write) statuses.push('409');
      if (operation.requestBody) statuses.push('413', '415');
      for (const status of statuses) {
        operation.responses[status] ??= { description: DESCRIPTIONS[status], ...problem };
      }
    }
  }
  return document;
}
