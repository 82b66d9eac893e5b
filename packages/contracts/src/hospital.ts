import type { JobCategory } from './auth.js';
import type { ModerationItem } from './moderation.js';

/** The six things a review rates, each 1–5. `honesty`: no unnecessary treatment or billing. */
export const RATING_CATEGORIES = ['overall', 'care', 'honesty', 'staff', 'facilities', 'waiting'] as const;
export type RatingCategory = (typeof RATING_CATEGORIES)[number];
export type Ratings = Record<RatingCategory, number>;
export const RATING_MIN = 1;
export const RATING_MAX = 5;

export const REVIEW_TITLE_MIN_LENGTH = 1;
export const REVIEW_TITLE_MAX_LENGTH = 100;
export const REVIEW_BODY_MIN_LENGTH = 20;
export const REVIEW_BODY_MAX_LENGTH = 5_000;

export const HOSPITAL_SORTS = ['name', 'rating', 'reviews'] as const;
export type HospitalSort = (typeof HOSPITAL_SORTS)[number];
/**
 * Every sort lists verified reviews first, then unverified ones. `highest` / `lowest`: by the
 * overall score, newest first among equal scores.
 */
export const REVIEW_SORTS = ['latest', 'helpful', 'highest', 'lowest'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

/**
 * Filters of a hospital's review list. `tier`: only reviews of that tier (`verified`: by verified
 * insiders). `jobCategory`: only reviews whose authors chose to show that job category. `overall`:
 * only reviews of exactly that overall score (1–5), as a star filter reads.
 */
export interface ReviewFilters {
  tier?: ReviewTier;
  jobCategory?: JobCategory;
  overall?: number;
}

export interface ReviewListQuery extends ReviewFilters {
  sort?: ReviewSort;
  cursor?: string | null;
  limit?: number;
}

export const HOSPITAL_SEARCH_MAX_LENGTH = 50;

/**
 * Kinds of institution (종별코드명) as the agency publishes them. Imports may bring others; this
 * list is for forms and documentation, not a limit.
 */
export const HOSPITAL_TYPES = [
  '상급종합병원',
  '종합병원',
  '병원',
  '요양병원',
  '정신병원',
  '의원',
  '치과병원',
  '치과의원',
  '한방병원',
  '한의원',
  '보건소',
  '보건지소',
  '보건진료소',
  '조산원',
] as const;

/** Regions (시도코드명) in the agency's order, used to order the region filter. */
export const HOSPITAL_REGIONS = [
  '서울',
  '부산',
  '대구',
  '인천',
  '광주',
  '대전',
  '울산',
  '세종시',
  '경기',
  '강원',
  '충북',
  '충남',
  '전북',
  '전남',
  '경북',
  '경남',
  '제주',
] as const;

/** A hospital's ratings: exact counts, averages rounded to two decimals (null without reviews). */
export interface RatingSummary {
  reviewCount: number;
  averages: Ratings | null;
  recommendCount: number;
  /** Share of reviewers who recommend the hospital, 0–1 rounded to three decimals; null without reviews. */
  recommendShare: number | null;
}

export interface HospitalSummary {
  id: string;
  name: string;
  type: string;
  region: string;
  district: string | null;
  address: string | null;
  rating: RatingSummary;
}

export interface Coordinates {
  latitude: number;
  longitude: number;
}

export interface HospitalDetail extends HospitalSummary {
  phone: string | null;
  homepage: string | null;
  postalCode: string | null;
  departments: string[];
  doctorCount: number | null;
  coordinates: Coordinates | null;
  updatedAt: string;
}

/** What admins see and edit: the public view plus the import key and the registered email domains. */
export interface AdminHospitalView extends HospitalDetail {
  agencyCode: string | null;
  emailDomains: string[];
  createdAt: string;
}

export interface HospitalInput {
  agencyCode?: string | null;
  name: string;
  type: string;
  region: string;
  district?: string | null;
  address?: string | null;
  postalCode?: string | null;
  phone?: string | null;
  homepage?: string | null;
  departments?: string[];
  doctorCount?: number | null;
  coordinates?: Coordinates | null;
  emailDomains?: string[];
}

export interface DistrictCount {
  name: string;
  count: number;
}

export interface RegionCount {
  name: string;
  count: number;
  districts: DistrictCount[];
}

export interface RegionsResponse {
  total: number;
  regions: RegionCount[];
}

export interface TypeCount {
  name: string;
  count: number;
}

export interface TypesResponse {
  types: TypeCount[];
}

/**
 * `verified`: the author was a verified insider of this hospital (work-email domain) when writing;
 * only these reviews count in the rating summary. `unverified`: shown apart (after the verified
 * ones) and labelled, never counted.
 */
export const REVIEW_TIERS = ['verified', 'unverified'] as const;
export type ReviewTier = (typeof REVIEW_TIERS)[number];

/**
 * How a review names its author: never a nickname or anything else tied to the author's board
 * identity, only the job category, and only if the author chose to show it.
 */
export interface ReviewAuthorView {
  jobCategory: JobCategory | null;
}

export interface ReviewView {
  id: string;
  hospitalId: string;
  tier: ReviewTier;
  ratings: Ratings;
  recommend: boolean;
  title: string;
  body: string;
  author: ReviewAuthorView;
  helpfulCount: number;
  helpfulByMe: boolean;
  isMine: boolean;
  edited: boolean;
  /** The day only (`YYYY-MM-DD`, UTC): an exact time could be matched with the author's board activity. */
  createdAt: string;
  /** The day only, as `createdAt`. */
  updatedAt: string;
  /** Shown to admins and to the author (`/reviews/mine`) only. */
  hidden?: boolean;
}

/** One of the caller's own reviews on their activity page, with the hospital's name. */
export interface MyReview extends ReviewView {
  hospitalName: string;
}

export interface CreateReviewRequest {
  ratings: Ratings;
  recommend: boolean;
  title: string;
  body: string;
  /** Show the job category of the account next to the tier label. Default false. */
  showJobCategory?: boolean;
}

export interface UpdateReviewRequest {
  ratings?: Partial<Ratings>;
  recommend?: boolean;
  title?: string;
  body?: string;
  showJobCategory?: boolean;
}

export interface HelpfulState {
  helpful: boolean;
  helpfulCount: number;
}

/** The answer to a report (as on the board): the reporter learns nothing about other reports. */
export interface ReportReceipt {
  received: true;
}

export type ModerationResolution = 'hidden' | 'restored' | 'dismissed';

/** A moderation-queue item of the hospital service: the shared shape plus where the review lives. */
export interface HospitalModerationItem extends ModerationItem {
  hospitalId: string | null;
  hospitalName: string | null;
  resolution: ModerationResolution | null;
}

/** `GET /internal/hospitals/:id/email-domains` (service-to-service). */
export interface HospitalEmailDomains {
  hospitalId: string;
  domains: string[];
}

export const HOSPITAL_API = {
  prefix: '/api/hospitals',
  hospitals: '/api/hospitals',
  regions: '/api/hospitals/regions',
  types: '/api/hospitals/types',
  hospital: (id: string) => `/api/hospitals/${id}`,
  reviews: (id: string) => `/api/hospitals/${id}/reviews`,
  adminHospitals: '/api/hospitals/admin/hospitals',
  adminReports: '/api/hospitals/admin/reports',
  /** Internal, on the service's own port: the email domains auth checks at verification time. */
  internalEmailDomains: (id: string) => `/internal/hospitals/${id}/email-domains`,
  /** Internal: anonymise a deleted account's reviews, votes and reports. */
  internalAuthor: (sub: string) => `/internal/authors/${encodeURIComponent(sub)}`,
} as const;
