import type { MyProfile } from '@carebridge/contracts';
import { Roles } from '@carebridge/platform';
import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminService } from './admin.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Post('users/:id/affiliation/verify')
  @HttpCode(200)
  @ApiOperation({ summary: "Confirm a member's workplace (verified insider)" })
  verifyAffiliation(@Param('id', new ParseUUIDPipe()) id: string): Promise<MyProfile> {
    return this.admin.verifyAffiliation(id);
  }
}
