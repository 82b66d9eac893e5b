import { NICKNAME_COOLING_OFF_DAYS } from '@carebridge/contracts';
import { ProblemException } from '@carebridge/platform';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, LessThanOrEqual, Repository } from 'typeorm';
import { normalizeNickname } from './nickname.js';
import { ReleasedNickname } from './released-nickname.entity.js';
import { User } from './user.entity.js';

export interface ChosenNickname {
  display: string;
  skeleton: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** Who may take which nickname: normalised, not reserved, not held, not cooling off. */
@Injectable()
export class NicknamesService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ReleasedNickname) private readonly released: Repository<ReleasedNickname>,
  ) {}

  /**
   * Throws 400 for a refused form, 409 when someone holds it or it is cooling off. Staff accounts
   * made by an operator (`staff`) may carry the reserved labels: they are the staff.
   */
  async choose(raw: string, forUserId: string | undefined, now = new Date(), staff = false): Promise<ChosenNickname> {
    const result = normalizeNickname(raw, { allowReserved: staff });
    if (!result.ok) {
      const message = {
        invisible: 'must not contain invisible or blank characters',
        pattern: 'may contain letters, digits, _, - and . only',
        reserved: 'is reserved; choose another',
      }[result.problem];
      throw ProblemException.validation(
        [{ field: 'nickname', message }],
        result.problem === 'reserved' ? 'AUTH.NICKNAME_RESERVED' : 'AUTH.NICKNAME_INVALID',
      );
    }
    const holder = await this.users.findOne({ where: { nicknameKey: result.skeleton }, select: { id: true } });
    if (holder && holder.id !== forUserId) {
      throw ProblemException.conflict(
        'AUTH.NICKNAME_TAKEN',
        'This nickname (or one that looks like it) is taken.',
        'nickname',
      );
    }
    const cooling = await this.released.findOneBy({ skeleton: result.skeleton });
    if (cooling && cooling.availableAt > now && (!forUserId || cooling.releasedBy !== forUserId)) {
      throw ProblemException.conflict(
        'AUTH.NICKNAME_COOLING_OFF',
        `This nickname was given up recently and is held for ${NICKNAME_COOLING_OFF_DAYS} days.`,
        'nickname',
      );
    }
    return { display: result.display, skeleton: result.skeleton };
  }

  /** Holds a nickname back from others for the cooling-off period; `by` may take it back meanwhile. */
  async release(manager: EntityManager, skeleton: string, by: string | null, now = new Date()): Promise<void> {
    await manager.delete(ReleasedNickname, { availableAt: LessThanOrEqual(now) });
    const availableAt = new Date(now.getTime() + NICKNAME_COOLING_OFF_DAYS * DAY_MS);
    await manager.delete(ReleasedNickname, { skeleton });
    await manager.insert(ReleasedNickname, { skeleton, releasedBy: by, availableAt });
  }

  /** The account that gave a nickname up takes it back: the hold ends. */
  async taken(manager: EntityManager, skeleton: string): Promise<void> {
    await manager.delete(ReleasedNickname, { skeleton });
  }

  /** An account is deleted: its held nicknames stay held, but no longer for it. */
  async forgetReleaser(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(ReleasedNickname, { releasedBy: userId }, { releasedBy: null });
  }
}
