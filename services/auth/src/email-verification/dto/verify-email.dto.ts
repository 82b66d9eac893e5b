import { EMAIL_CODE_LENGTH } from '@carebridge/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class VerifyEmailDto {
  @ApiProperty({ example: '042917', description: 'The 6-digit code from the email' })
  @Matches(new RegExp(`^\\d{${EMAIL_CODE_LENGTH}}$`), { message: `must be ${EMAIL_CODE_LENGTH} digits` })
  code!: string;
}
