import { SetMetadata } from '@nestjs/common';

export const INTERNAL_ROUTE = 'carebridge:internal';
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

/**
 * A route for other services only: it needs the shared service credential (`INTERNAL_API_TOKEN`)
 * in the `x-internal-token` header, never a member's token. Such routes live under `/internal`,
 * outside the public API prefix, so no gateway route reaches them.
 */
export const Internal = () => SetMetadata(INTERNAL_ROUTE, true);
