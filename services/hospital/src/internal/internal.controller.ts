import type { HospitalEmailDomains } from '@carebridge/contracts';
import { Internal, ProblemException, UuidPipe } from '@carebridge/platform';
import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HospitalsService } from '../hospitals/hospitals.service.js';
import { ReviewsService } from '../reviews/reviews.service.js';

/** Service-to-service routes (header `x-internal-token`), outside the public `/api/hospitals` prefix. */
@ApiExcludeController()
@Internal()
@Controller('internal')
export class InternalController {
  constructor(
    private readonly hospitals: HospitalsService,
    private readonly reviews: ReviewsService,
  ) {}

  /** Auth asks this when a member verifies an email: a match with the workplace's domains makes them a verified insider. */
  @Get('hospitals/:id/email-domains')
  emailDomains(@Param('id', UuidPipe) id: string): Promise<HospitalEmailDomains> {
    return this.hospitals.emailDomains(id);
  }

  /** Auth calls this when an account is deleted. */
  @Delete('authors/:sub')
  @HttpCode(204)
  forgetAuthor(@Param('sub') sub: string): Promise<void> {
    if (!/^[\w:.-]{1,64}$/.test(sub)) {
      throw ProblemException.validation([{ field: 'sub', message: 'must be an account id' }]);
    }
    return this.reviews.forgetAuthor(sub);
  }
}
