import type { MyProfile } from '@carebridge/contracts';
import { Roles, UuidPipe } from '@carebridge/platform';
import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
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

  @Post('users/:id/suspension')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a member: sessions end, and their tokens stop writing everywhere' })
  suspend(@Param('id', UuidPipe) id: string): Promise<MyProfile> {
    return this.admin.suspend(id);
  }

  @Delete('users/:id/suspension')
  @ApiOperation({ summary: 'Lift a suspension' })
  lift(@Param('id', UuidPipe) id: string): Promise<MyProfile> {
    return this.admin.lift(id);
  }
}
