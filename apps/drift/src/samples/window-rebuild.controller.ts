import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { DocumentedOperation } from '@tenantry/problem-details';
import { WindowRebuildService } from './window-rebuild.service';
import {
  rebuiltWindowsSchema,
  windowsDigestSchema,
  type RebuiltWindows,
  type WindowsDigest,
} from './windows-digest';

/** `/v1/models/{key}/windows/rebuild` and `/windows/checksum`: window states recomputed from the stored samples, and compared. */
@ApiTags('windows')
@ApiBearerAuth()
@Controller('v1/models/:key/windows')
export class WindowRebuildController {
  constructor(private readonly rebuilds: WindowRebuildService) {}

  @Post('rebuild')
  @Roles('drift:admin')
  @DocumentedOperation({
    summary: 'Rebuild the window states from the stored samples',
    description:
      'Refolds every stored batch into the windows the model has; a closed window whose state ' +
      'changes is judged again. The checksum equals the live one when nothing was lost.',
    answer: { schema: rebuiltWindowsSchema },
    problems: { 404: '`model-not-found`' },
  })
  rebuild(@Param('key') key: string): Promise<RebuiltWindows> {
    return this.rebuilds.rebuild(key);
  }

  @Get('checksum')
  @Roles('drift:read')
  @DocumentedOperation({
    summary: 'Checksum the live window states',
    description: 'Comparable with the checksum of a rebuild, or of another instance.',
    answer: { schema: windowsDigestSchema },
    problems: { 404: '`model-not-found`' },
  })
  checksum(@Param('key') key: string): Promise<WindowsDigest> {
    return this.rebuilds.checksum(key);
  }
}
