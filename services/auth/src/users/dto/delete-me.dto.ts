import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class DeleteMeDto {
  @ApiProperty({ description: 'The current password, confirming the deletion' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}
