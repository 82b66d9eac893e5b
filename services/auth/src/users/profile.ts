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

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}${'*'.repeat(Math.max(1, local.length - 2))}@${domain}`;
}
