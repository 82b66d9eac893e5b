import { Internal } from '@carebridge/platform';
import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AuthorsService } from './authors.service.js';

/** Called by the auth service when an account is deleted. Cluster-internal only. */
@ApiExcludeController()
@Controller('internal/authors')
export class AuthorsController {
  constructor(private readonly authors: AuthorsService) {}

  @Internal()
  @Delete(':sub')
  @HttpCode(204)
  forget(@Param('sub') sub: string): Promise<void> {
    return this.authors.forget(sub);
  }
}
