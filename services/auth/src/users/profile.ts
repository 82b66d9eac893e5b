import type { MyProfile } from '@carebridge/contracts';
import type { User } from './user.entity.js';

export function toMyProfile(user: User): MyProfile {
  return {
    id: user.id,
    email: user.email,
    nickname: user.nickname,
    hospitalId: user.hospitalId,
    jobCategory: user.jobCategory,
    role: user.role,
    emailVerified: user.emailVerifiedAt !== null,
    insiderVerified: user.insiderVerified,
    createdAt: user.createdAt.toISOString(),
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function nicknameKey(nickname: string): string {
  return nickname.normalize('NFKC').toLowerCase();
}

/** Names that would let a member pass as the staff or as a withdrawn account. */
const RESERVED_NICKNAMES = ['admin', 'administrator', 'carebridge', '운영자', '관리자', '탈퇴회원', '탈퇴한회원'];

export function isReservedNickname(nickname: string): boolean {
  return RESERVED_NICKNAMES.includes(nicknameKey(nickname).replace(/[_.-]/g, ''));
}
