import type { Coordinates, HospitalInput } from '@carebridge/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsFQDN,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { cleanText } from '../search.js';

const clean = Transform(({ value }) => (typeof value === 'string' ? cleanText(value) : value));
const cleanEach = Transform(({ value }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? cleanText(v) : v)) : value,
);
const lowerEach = Transform(({ value }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value,
);
/** May be left out, but not set to null. */
const omittable = () => ValidateIf((_, value) => value !== undefined);
/** Optional and nullable: `null` clears the value. */
const nullable = () => ValidateIf((_, value) => value !== null && value !== undefined);

export class CoordinatesDto implements Coordinates {
  @ApiProperty({ example: 37.5796 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude!: number;

  @ApiProperty({ example: 126.9989 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude!: number;
}

export const EMAIL_DOMAINS_MAX = 20;
export const DEPARTMENTS_MAX = 60;

/** The optional fields of a hospital, shared by creation and editing. */
class HospitalFieldsDto implements Partial<HospitalInput> {
  @ApiPropertyOptional({ description: "The agency's code (암호화요양기호); null for none", nullable: true })
  @nullable()
  @IsString()
  @Length(1, 200)
  @Matches(/^\S+$/, { message: 'must not contain spaces' })
  agencyCode?: string | null;

  @ApiPropertyOptional({ example: '종로구', nullable: true })
  @nullable()
  @clean
  @IsString()
  @Length(1, 60)
  district?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @nullable()
  @clean
  @IsString()
  @Length(1, 500)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '03080' })
  @nullable()
  @IsString()
  @Matches(/^[0-9-]{3,10}$/, { message: 'must be a postal code' })
  postalCode?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '02-2072-2114' })
  @nullable()
  @IsString()
  @Matches(/^[0-9+()\- ]{3,40}$/, { message: 'must be a phone number' })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'https://www.snuh.org' })
  @nullable()
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  homepage?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['내과', '외과'] })
  @omittable()
  @cleanEach
  @IsArray()
  @ArrayMaxSize(DEPARTMENTS_MAX)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  departments?: string[];

  @ApiPropertyOptional({ nullable: true, minimum: 0 })
  @nullable()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(100_000)
  doctorCount?: number | null;

  @ApiPropertyOptional({ type: CoordinatesDto, nullable: true })
  @nullable()
  @IsObject()
  @ValidateNested()
  @Type(() => CoordinatesDto)
  coordinates?: CoordinatesDto | null;

  @ApiPropertyOptional({ type: [String], example: ['snuh.org'], description: 'Email domains of the staff' })
  @omittable()
  @lowerEach
  @IsArray()
  @ArrayMaxSize(EMAIL_DOMAINS_MAX)
  @IsFQDN({}, { each: true, message: 'each must be a domain name such as hospital.or.kr' })
  @MaxLength(253, { each: true })
  emailDomains?: string[];
}

export class CreateHospitalDto extends HospitalFieldsDto {
  @ApiProperty({ example: '서울대학교병원', maxLength: 200 })
  @clean
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '상급종합병원', maxLength: 40 })
  @clean
  @IsString()
  @Length(1, 40)
  type!: string;

  @ApiProperty({ example: '서울', maxLength: 40 })
  @clean
  @IsString()
  @Length(1, 40)
  region!: string;
}

/** PATCH: only the fields given change; `null` clears an optional one. */
export class UpdateHospitalDto extends HospitalFieldsDto {
  @ApiPropertyOptional({ example: '서울대학교병원', maxLength: 200 })
  @omittable()
  @clean
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: '상급종합병원', maxLength: 40 })
  @omittable()
  @clean
  @IsString()
  @Length(1, 40)
  type?: string;

  @ApiPropertyOptional({ example: '서울', maxLength: 40 })
  @omittable()
  @clean
  @IsString()
  @Length(1, 40)
  region?: string;
}

export class EmailDomainsDto {
  @ApiProperty({ type: [String], example: ['snuh.org'] })
  @lowerEach
  @IsArray()
  @ArrayMaxSize(EMAIL_DOMAINS_MAX)
  @IsFQDN({}, { each: true, message: 'each must be a domain name such as hospital.or.kr' })
  @MaxLength(253, { each: true })
  domains!: string[];
}
