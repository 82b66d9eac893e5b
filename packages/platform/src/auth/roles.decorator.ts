import type { Role } from '@carebridge/contracts';
import { SetMetadata } from '@nestjs/common';

export const REQUIRED_ROLES = 'carebridge:roles';

/** Restricts a route to callers holding one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);
