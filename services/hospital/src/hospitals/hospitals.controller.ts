import type { HospitalDetail, HospitalSummary, Page, RegionsResponse, TypesResponse } from '@carebridge/contracts';
import { Public, UuidPipe } from '@carebridge/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListHospitalsQuery } from './dto/list-hospitals.query.js';
import { HospitalsService } from './hospitals.service.js';

@ApiTags('hospitals')
@Public()
@Controller()
export class HospitalsController {
  constructor(private readonly hospitals: HospitalsService) {}

  @Get()
  @ApiOperation({ summary: 'Find hospitals by (partial) name, region, district, type and department' })
  list(@Query() query: ListHospitalsQuery): Promise<Page<HospitalSummary>> {
    return this.hospitals.list(query);
  }

  @Get('regions')
  @ApiOperation({ summary: 'Regions (시도) and their districts (시군구), with hospital counts' })
  regions(): Promise<RegionsResponse> {
    return this.hospitals.regions();
  }

  @Get('types')
  @ApiOperation({ summary: 'Kinds of institution (종별), with hospital counts' })
  types(): Promise<TypesResponse> {
    return this.hospitals.types();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A hospital with its details and rating summary' })
  detail(@Param('id', UuidPipe) id: string): Promise<HospitalDetail> {
    return this.hospitals.detail(id);
  }
}
