import type { MyProfile } from '@carebridge/contracts';
import { Roles, UuidPipe } from '@carebridge/platform';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
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
  verifyAffiliation(@Param('id', UuidPipe) id: string): Promise<MyProfile> {
    return this.admin.verifyAffiliation(id);
  }
}
