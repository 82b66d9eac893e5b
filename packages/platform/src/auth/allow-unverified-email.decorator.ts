import { SetMetadata } from '@nestjs/common';

export const ALLOW_UNVERIFIED_EMAIL = 'carebridge:allow-unverified-email';

/**
 * Lets a member whose email is not yet confirmed call this writing route. Every other write
 * (POST, PUT, PATCH, DELETE on a route that is not `@Public()`) needs a verified email.
 */
export const AllowUnverifiedEmail = () => SetMetadata(ALLOW_UNVERIFIED_EMAIL, true);
