import type { SignupRequest } from '@carebridge/contracts';
import {
  EmailField,
  HospitalIdField,
  type JobCategory,
  JobCategoryField,
  NewPasswordField,
  NicknameField,
} from './credentials.js';

export class SignupDto implements SignupRequest {
  @EmailField()
  email!: string;

  @NewPasswordField()
  password!: string;

  @NicknameField()
  nickname!: string;

  @HospitalIdField()
  hospitalId?: string;

  @JobCategoryField()
  jobCategory?: JobCategory;
}
