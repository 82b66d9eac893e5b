import { TimestampColumn } from '@carebridge/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A hospital or clinic. Public data comes from the agency's list (keyed by `agencyCode`) or from an
 * admin; the rating columns are the exact summary of its visible reviews, rewritten from the reviews
 * themselves whenever one changes (see `RatingSummaries`).
 */
@Entity('hospitals')
export class Hospital {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The agency's code (암호화요양기호 or 요양기호): the stable key of imports. Null for hospitals added by hand. */
  @Column({ name: 'agency_code', type: 'varchar', length: 200, nullable: true, unique: true })
  agencyCode!: string | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The name as searched: NFC, lower case, without spaces (see `searchKey`). */
  @Column({ name: 'name_search', type: 'varchar', length: 200 })
  nameSearch!: string;

  /** 종별코드명: 상급종합병원, 종합병원, 병원, 의원, 요양병원, 치과병원, 한방병원… */
  @Column({ type: 'varchar', length: 40 })
  type!: string;

  /** 시도코드명, e.g. 서울, 경기. */
  @Column({ type: 'varchar', length: 40 })
  region!: string;

  /** 시군구코드명, e.g. 종로구, 성남분당구. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  district!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 10, nullable: true })
  postalCode!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  homepage!: string | null;

  @Column({ name: 'doctor_count', type: 'int', nullable: true })
  doctorCount!: number | null;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Column({ name: 'review_count', type: 'int' })
  reviewCount!: number;

  @Column({ name: 'recommend_count', type: 'int' })
  recommendCount!: number;

  @Column({ name: 'overall_sum', type: 'int' })
  overallSum!: number;

  @Column({ name: 'care_sum', type: 'int' })
  careSum!: number;

  @Column({ name: 'honesty_sum', type: 'int' })
  honestySum!: number;

  @Column({ name: 'staff_sum', type: 'int' })
  staffSum!: number;

  @Column({ name: 'facilities_sum', type: 'int' })
  facilitiesSum!: number;

  @Column({ name: 'waiting_sum', type: 'int' })
  waitingSum!: number;

  /** Sort key of `sort=rating`: the Bayesian average × 10,000 (`ratingKey()`), truncated; 0 without reviews. */
  @Column({ name: 'rating_key', type: 'int' })
  ratingKey!: number;

  @TimestampColumn('created_at')
  createdAt!: Date;

  @TimestampColumn('updated_at')
  updatedAt!: Date;
}

/** Departments (진료과목) of a hospital, in the order given. */
@Entity('hospital_departments')
export class HospitalDepartment {
  @PrimaryColumn({ name: 'hospital_id', type: 'varchar', length: 36 })
  hospitalId!: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'int' })
  position!: number;
}

/** Email domains of a hospital's staff: a verified address there makes a member a verified insider. */
@Entity('hospital_email_domains')
export class HospitalEmailDomain {
  @PrimaryColumn({ name: 'hospital_id', type: 'varchar', length: 36 })
  hospitalId!: string;

  @PrimaryColumn({ type: 'varchar', length: 253 })
  domain!: string;
}
