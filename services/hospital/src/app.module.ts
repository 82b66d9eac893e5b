import { serviceModule, TokenRevocation } from '@carebridge/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import type { HospitalConfig } from './config.js';
import { AdminHospitalsController } from './hospitals/admin-hospitals.controller.js';
import { Hospital, HospitalDepartment, HospitalEmailDomain } from './hospitals/hospital.entity.js';
import { HospitalsController } from './hospitals/hospitals.controller.js';
import { HospitalsService } from './hospitals/hospitals.service.js';
import { SampleDataLoader } from './import/sample-data.js';
import { InternalController } from './internal/internal.controller.js';
import { migrations } from './migrations/index.js';
import { AdminReportsController } from './moderation/admin-reports.controller.js';
import { ModerationCase, Report } from './moderation/moderation.entities.js';
import { ModerationService } from './moderation/moderation.service.js';
import { MyReviewsController } from './reviews/my-reviews.controller.js';
import { MyReviewsService } from './reviews/my-reviews.service.js';
import { RatingSummaries } from './reviews/rating-summaries.js';
import { HelpfulVote, Review } from './reviews/review.entity.js';
import { ReviewsController } from './reviews/reviews.controller.js';
import { ReviewsService } from './reviews/reviews.service.js';

export const SERVICE = 'hospital';
export const DIALECTS = ['postgres', 'sqlite'] as const;
export const entities = [
  Hospital,
  HospitalDepartment,
  HospitalEmailDomain,
  Review,
  HelpfulVote,
  Report,
  ModerationCase,
  TokenRevocation,
];

@Module({})
export class AppModule {
  static forRoot(config: HospitalConfig): DynamicModule {
    return serviceModule(AppModule, {
      service: SERVICE,
      config,
      tokens: config.tokenVerification,
      database: { dialects: DIALECTS, entities, migrations },
      revocations: { receive: true },
      writeLimits: { keyPrefix: 'HOSPITAL', factor: config.WRITE_LIMIT_FACTOR },
      // Fixed segments (admin/…, regions, types) are registered before the `:id` routes.
      controllers: [
        AdminHospitalsController,
        AdminReportsController,
        InternalController,
        MyReviewsController,
        HospitalsController,
        ReviewsController,
      ],
      providers: [
        RatingSummaries,
        HospitalsService,
        ReviewsService,
        MyReviewsService,
        ModerationService,
        SampleDataLoader,
      ],
    });
  }
}
