import type { MyReview, Page } from '@carebridge/contracts';
import { type Caller, decodeCursor, keysetAfter, type PageQuery, ProblemException, toPage } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Hospital } from '../hospitals/hospital.entity.js';
import { HelpfulVote, Review } from './review.entity.js';
import { toReviewView } from './review-views.js';

/**
 * The caller's own reviews, newest first, found by the token's subject only: no route lists
 * anyone else's, so reviews stay unlinkable to a person. Hidden ones show, marked, as on
 * `/reviews/mine`. As in the public list, the cursor is a review id, so no exact time leaves.
 */
@Injectable()
export class MyReviewsService {
  constructor(
    @InjectRepository(Review) private readonly reviews: Repository<Review>,
    @InjectRepository(Hospital) private readonly hospitals: Repository<Hospital>,
    @InjectRepository(HelpfulVote) private readonly votes: Repository<HelpfulVote>,
  ) {}

  async list(page: PageQuery, caller: Caller): Promise<Page<MyReview>> {
    const qb = this.reviews.createQueryBuilder('r').where('r.authorSub = :sub', { sub: caller.sub });
    if (page.cursor) {
      const [anchorId] = decodeCursor(page.cursor, ['string']) as [string];
      const anchor = await this.reviews.findOneBy({ id: anchorId, authorSub: caller.sub });
      if (!anchor) {
        throw ProblemException.validation([
          { field: 'cursor', message: 'is not a cursor this list gave out (or its review is gone): start again' },
        ]);
      }
      keysetAfter(qb, ['r.createdAt', 'r.id'], [anchor.createdAt, anchor.id]);
    }
    const rows = await qb
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    const ids = rows.map((r) => r.id);
    const [hospitals, votes] = await Promise.all([
      rows.length ? this.hospitals.findBy({ id: In(rows.map((r) => r.hospitalId)) }) : [],
      rows.length ? this.votes.findBy({ voterSub: caller.sub, reviewId: In(ids) }) : [],
    ]);
    const names = new Map(hospitals.map((h) => [h.id, h.name]));
    const helpfulByMe = new Set(votes.map((v) => v.reviewId));
    return toPage(
      rows,
      page.limit,
      (r) => ({
        ...toReviewView(r, { caller, helpfulByMe, showHidden: true }),
        hospitalName: names.get(r.hospitalId) ?? '',
      }),
      (r) => [r.id],
    );
  }
}
