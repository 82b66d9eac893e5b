import type { MyProfile } from '@carebridge/contracts';
import { ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { SignupDto } from '../users/dto/signup.dto.js';
import { normalizeEmail, toMyProfile } from '../users/profile.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';

@Injectable()
export class AdminService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly accounts: UsersService,
  ) {}

  /** Creates an admin account, or promotes the existing account with this email. */
  async createOrPromoteAdmin(dto: SignupDto): Promise<{ profile: MyProfile; created: boolean }> {
    const existing = await this.users.findOneBy({ email: normalizeEmail(dto.email) });
    if (!existing) return { profile: await this.accounts.createVerified(dto, 'admin'), created: true };
    existing.role = 'admin';
    existing.emailVerifiedAt ??= new Date();
    existing.updatedAt = new Date();
    await this.users.save(existing);
    return { profile: toMyProfile(existing), created: false };
  }

  /** Marks a member a verified insider of the workplace on their profile. */
  async verifyAffiliation(userId: string): Promise<MyProfile> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw ProblemException.notFound('AUTH.USER_NOT_FOUND', 'There is no member with this id.');
    if (!user.hospitalId) {
      throw ProblemException.conflict('AUTH.NO_WORKPLACE', 'This member has not named a workplace to verify.');
    }
    if (!user.insiderVerified) {
      user.insiderVerified = true;
      user.updatedAt = new Date();
      await this.users.save(user);
    }
    return toMyProfile(user);
  }
}
