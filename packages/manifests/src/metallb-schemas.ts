import type { JSONSchemaType } from 'ajv';

// No published schema package covers MetalLB; these follow the CRDs' documented fields
// (metallb.io/v1beta1), and refuse any other field.
const metadata = {
  type: 'object',
  required: ['name', 'namespace'],
  properties: {
    name: { type: 'string', minLength: 1 },
    namespace: { type: 'string', minLength: 1 },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
} as const;

const labelSelector = {
  type: 'object',
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: false,
} as const;

const CIDR_OR_RANGE = '^([0-9a-fA-F:.]+/\\d{1,3}|[0-9a-fA-F:.]+\\s*-\\s*[0-9a-fA-F:.]+)$';

export const METALLB_SCHEMAS: Record<string, JSONSchemaType<unknown> | Record<string, unknown>> = {
  IPAddressPool: {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: 'metallb.io/v1beta1' },
      kind: { const: 'IPAddressPool' },
      metadata,
      spec: {
        type: 'object',
        required: ['addresses'],
        properties: {
          addresses: { type: 'array', minItems: 1, items: { type: 'string', pattern: CIDR_OR_RANGE } },
          autoAssign: { type: 'boolean' },
          avoidBuggyIPs: { type: 'boolean' },
          serviceAllocation: {
            type: 'object',
            properties: {
              priority: { type: 'integer' },
              namespaces: { type: 'array', items: { type: 'string' } },
              namespaceSelectors: { type: 'array', items: labelSelector },
              serviceSelectors: { type: 'array', items: labelSelector },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  L2Advertisement: {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: { const: 'metallb.io/v1beta1' },
      kind: { const: 'L2Advertisement' },
      metadata,
      spec: {
        type: 'object',
        properties: {
          ipAddressPools: { type: 'array', items: { type: 'string' } },
          ipAddressPoolSelectors: { type: 'array', items: labelSelector },
          nodeSelectors: { type: 'array', items: labelSelector },
          interfaces: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
};
