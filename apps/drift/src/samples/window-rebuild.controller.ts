import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { WindowRebuilder, type WindowsDigest } from './window-rebuilder';

/** `/v1/models/{key}/windows/rebuild` and `/windows/checksum`: window states recomputed from the stored samples, and compared. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/windows')
export class WindowRebuildController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rebuilder: WindowRebuilder,
  ) {}

  /** Recomputes every window state of the model; `changed` counts the windows whose state differed. */
  @Post('rebuild')
  @HttpCode(200)
  @Roles('drift:admin')
  rebuild(@Param('key') key: string): Promise<WindowsDigest & { changed: number }> {
    const now = new Date();
    return inTenantTransaction(this.dataSource, (manager, tenantId) =>
      this.rebuilder.rebuild(manager, tenantId, key, now),
    );
  }

  /** The checksum of the live window states, comparable with a rebuild's. */
  @Get('checksum')
  @Roles('drift:read')
  checksum(@Param('key') key: string): Promise<WindowsDigest> {
    return inTenantTransaction(this.dataSource, (manager) => this.rebuilder.checksum(manager, key));
  }
}
