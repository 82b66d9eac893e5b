import {
  HOSPITAL_ID_PATTERN,
  JOB_CATEGORIES,
  type JobCategory,
  NICKNAME_MAX_LENGTH,
  NICKNAME_MIN_LENGTH,
  NICKNAME_PATTERN,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '@carebridge/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Field rules shared by sign-up, log-in and profile changes. */
export const EmailField = () =>
  applyDecorators(
    ApiProperty({ example: 'nurse.kim@example.com', maxLength: 254 }),
    trim,
    IsEmail({}, { message: 'must be a valid email address' }),
    MaxLength(254),
  );

export const NewPasswordField = (optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
      : ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
      message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
    }),
  );

export const NicknameField = (optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ example: '새벽근무', minLength: NICKNAME_MIN_LENGTH, maxLength: NICKNAME_MAX_LENGTH })
      : ApiProperty({ example: '새벽근무', minLength: NICKNAME_MIN_LENGTH, maxLength: NICKNAME_MAX_LENGTH }),
    ...(optional ? [IsOptional()] : []),
    trim,
    IsString(),
    Length(NICKNAME_MIN_LENGTH, NICKNAME_MAX_LENGTH, {
      message: `must be ${NICKNAME_MIN_LENGTH} to ${NICKNAME_MAX_LENGTH} characters long`,
    }),
    Matches(NICKNAME_PATTERN, { message: 'may contain letters, digits, _, - and . only' }),
  );

export const HospitalIdField = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Id of the hospital the member works at', nullable: true }),
    IsOptional(),
    Matches(HOSPITAL_ID_PATTERN, { message: 'must be a hospital id' }),
  );

export const JobCategoryField = () =>
  applyDecorators(
    ApiPropertyOptional({ enum: JOB_CATEGORIES, nullable: true }),
    IsOptional(),
    IsIn(JOB_CATEGORIES, { message: `must be one of ${JOB_CATEGORIES.join(', ')}` }),
  );

export type { JobCategory };
