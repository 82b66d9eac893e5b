import type { CommentView, HospitalDetail, PostDetail, PostSummary, ReviewView } from '@carebridge/contracts';

export const HOSPITAL_ID = '11111111-1111-4111-8111-111111111111';
export const OTHER_HOSPITAL_ID = '22222222-2222-4222-8222-222222222222';
export const POST_ID = '33333333-3333-4333-8333-333333333333';

export const hospital = (overrides: Partial<HospitalDetail> = {}): HospitalDetail => ({
  id: HOSPITAL_ID,
  name: '한빛대학교병원',
  type: '상급종합병원',
  region: '서울',
  district: '종로구',
  address: '서울특별시 종로구 대학로 101',
  phone: '02-000-0000',
  homepage: 'https://hanbit.example',
  postalCode: '03080',
  departments: ['내과', '외과'],
  doctorCount: 120,
  coordinates: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  rating: {
    reviewCount: 2,
    averages: { overall: 4.5, care: 4, honesty: 5, staff: 4.5, facilities: 3.5, waiting: 2 },
    recommendCount: 1,
    recommendShare: 0.5,
  },
  ...overrides,
});

export const review = (overrides: Partial<ReviewView> = {}): ReviewView => ({
  id: '44444444-4444-4444-8444-444444444444',
  hospitalId: HOSPITAL_ID,
  ratings: { overall: 5, care: 4, honesty: 5, staff: 5, facilities: 4, waiting: 2 },
  recommend: true,
  title: '야간에도 의료진이 충분해요',
  body: '야간 당직 인력이 충분하고 인수인계가 체계적이라 환자 안전에 신경을 많이 씁니다.',
  tier: 'verified',
  author: { jobCategory: 'nurse' },
  helpfulCount: 3,
  helpfulByMe: false,
  isMine: false,
  edited: false,
  createdAt: '2026-01-02',
  updatedAt: '2026-01-02',
  ...overrides,
});

export const postSummary = (overrides: Partial<PostSummary> = {}): PostSummary => ({
  id: POST_ID,
  board: 'free',
  title: '야간 근무 후 수면 관리 어떻게 하세요?',
  excerpt: '3교대 근무하면서 잠을 제대로 못 자요.',
  author: { nickname: '새벽근무' },
  createdAt: '2026-01-03T00:00:00.000Z',
  updatedAt: '2026-01-03T00:00:00.000Z',
  viewCount: 10,
  likeCount: 2,
  commentCount: 0,
  answered: false,
  ...overrides,
});

export const postDetail = (overrides: Partial<PostDetail> = {}): PostDetail => ({
  ...postSummary(),
  body: '3교대 근무하면서 잠을 제대로 못 자요. 다들 어떻게 관리하시나요?',
  acceptedCommentId: null,
  likedByMe: false,
  bookmarkedByMe: false,
  ...overrides,
});

export const COMMENT_ID = '55555555-5555-4555-8555-555555555555';

export const commentView = (overrides: Partial<CommentView> = {}): CommentView => ({
  id: COMMENT_ID,
  postId: POST_ID,
  parentId: null,
  body: '저도 같은 고민이에요.',
  author: { nickname: '병동간호사' },
  createdAt: '2026-01-05T00:00:00.000Z',
  updatedAt: '2026-01-05T00:00:00.000Z',
  deleted: false,
  accepted: false,
  likeCount: 0,
  likedByMe: false,
  replies: [],
  ...overrides,
});

export const page = <T>(items: T[], nextCursor: string | null = null) => ({ items, nextCursor });
