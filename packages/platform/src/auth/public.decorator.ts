import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'carebridge:public';

/** Lets callers without a token through; a valid token still identifies the caller. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
