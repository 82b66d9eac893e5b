import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { HospitalIdField, type JobCategory, JobCategoryField, NewPasswordField, NicknameField } from './credentials.js';

export class UpdateMeDto {
  @NicknameField(true)
  nickname?: string;

  /** `null` clears the workplace. Changing it clears the verified-insider mark. */
  @ValidateIf((_, value) => value !== null)
  @HospitalIdField()
  hospitalId?: string | null;

  @ValidateIf((_, value) => value !== null)
  @JobCategoryField()
  jobCategory?: JobCategory | null;

  @ApiPropertyOptional({ description: 'Required when changing the password' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  currentPassword?: string;

  @NewPasswordField(true)
  newPassword?: string;
}
