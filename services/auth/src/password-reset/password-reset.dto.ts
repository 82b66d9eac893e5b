import { EMAIL_CODE_LENGTH, type PasswordReset, type PasswordResetRequest } from '@carebridge/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { EmailField, NewPasswordField } from '../users/dto/credentials.js';

export class PasswordResetRequestDto implements PasswordResetRequest {
  @EmailField()
  email!: string;
}

export class PasswordResetDto implements PasswordReset {
  @EmailField()
  email!: string;

  @ApiProperty({ example: '123456', pattern: `^\\d{${EMAIL_CODE_LENGTH}}$` })
  @IsString()
  @Matches(new RegExp(`^\\d{${EMAIL_CODE_LENGTH}}$`), { message: `must be ${EMAIL_CODE_LENGTH} digits` })
  code!: string;

  @NewPasswordField()
  newPassword!: string;
}
