import { HOSPITAL_SEARCH_MAX_LENGTH, HOSPITAL_SORTS, type HospitalSort } from '@carebridge/contracts';
import { PageQuery } from '@carebridge/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { cleanText } from '../search.js';

const clean = Transform(({ value }) => (typeof value === 'string' ? cleanText(value) : value));

export class ListHospitalsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the name, e.g. 서울대', maxLength: HOSPITAL_SEARCH_MAX_LENGTH })
  @IsOptional()
  @clean
  @IsString()
  @Length(1, HOSPITAL_SEARCH_MAX_LENGTH)
  q?: string;

  @ApiPropertyOptional({ description: '시도, as listed by GET /regions', example: '서울' })
  @IsOptional()
  @clean
  @IsString()
  @Length(1, 40)
  region?: string;

  @ApiPropertyOptional({ description: '시군구, as listed by GET /regions', example: '종로구' })
  @IsOptional()
  @clean
  @IsString()
  @Length(1, 60)
  district?: string;

  @ApiPropertyOptional({ description: '종별, as listed by GET /types', example: '상급종합병원' })
  @IsOptional()
  @clean
  @IsString()
  @Length(1, 40)
  type?: string;

  @ApiPropertyOptional({ description: 'A department the hospital has, e.g. 내과' })
  @IsOptional()
  @clean
  @IsString()
  @Length(1, 40)
  department?: string;

  @ApiPropertyOptional({ enum: HOSPITAL_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(HOSPITAL_SORTS, { message: `must be one of ${HOSPITAL_SORTS.join(', ')}` })
  sort: HospitalSort = 'name';
}
