import type { LoginRequest } from '@carebridge/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { EmailField } from '../../users/dto/credentials.js';

export class LoginDto implements LoginRequest {
  @EmailField()
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}
