import type { AdminHospitalView, HospitalEmailDomains } from '@carebridge/contracts';
import { Roles, UuidPipe } from '@carebridge/platform';
import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateHospitalDto, EmailDomainsDto, UpdateHospitalDto } from './dto/hospital.dto.js';
import { HospitalsService } from './hospitals.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/hospitals')
export class AdminHospitalsController {
  constructor(private readonly hospitals: HospitalsService) {}

  @Post()
  @ApiOperation({ summary: 'Add a hospital (the importer adds the public list)' })
  create(@Body() dto: CreateHospitalDto): Promise<AdminHospitalView> {
    return this.hospitals.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A hospital with its agency code and registered email domains' })
  get(@Param('id', UuidPipe) id: string): Promise<AdminHospitalView> {
    return this.hospitals.adminView(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a hospital; only the fields given change, null clears one' })
  update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateHospitalDto): Promise<AdminHospitalView> {
    return this.hospitals.update(id, dto);
  }

  @Put(':id/email-domains')
  @ApiOperation({ summary: "Replace the hospital's registered staff email domains" })
  setEmailDomains(@Param('id', UuidPipe) id: string, @Body() dto: EmailDomainsDto): Promise<HospitalEmailDomains> {
    return this.hospitals.setEmailDomains(id, dto.domains);
  }
}
