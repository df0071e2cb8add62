import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { openApiSchema, ValidatedBody, ZodValidationPipe } from '@tenantry/problem-details';
import { currentTenantContext } from '@tenantry/tenant-context';
import { z } from 'zod';
import { UsageCorrector, type CorrectionRecord } from './usage-corrector';

const source = z.string().min(1).max(512).optional();
const reason = z.string().trim().min(1).max(2000);
const voidRequestSchema = z.object({ source, reason });
const amendRequestSchema = z.object({ source, data: z.record(z.string(), z.unknown()), reason });
const trailQuerySchema = z.object({ source });

/**
 * Corrections of recorded usage events (`metering:admin`), each with a reason and an audit
 * record, and the audit trail of an event (`metering:read`). `source` names the event when
 * several sources used its id.
 */
@ApiTags('corrections')
@ApiBearerAuth()
@Controller('v1/events/:id')
export class CorrectionsController {
  constructor(private readonly corrector: UsageCorrector) {}

  @Post('void')
  @HttpCode(200)
  @Roles('metering:admin')
  @ApiBody({ schema: openApiSchema(voidRequestSchema) })
  void(
    @Param('id') eventId: string,
    @ValidatedBody(voidRequestSchema) body: z.output<typeof voidRequestSchema>,
  ): Promise<CorrectionRecord> {
    return this.corrector.correct(eventId, { action: 'void', ...body }, actor());
  }

  @Post('amend')
  @HttpCode(200)
  @Roles('metering:admin')
  @ApiBody({ schema: openApiSchema(amendRequestSchema) })
  amend(
    @Param('id') eventId: string,
    @ValidatedBody(amendRequestSchema) body: z.output<typeof amendRequestSchema>,
  ): Promise<CorrectionRecord> {
    return this.corrector.correct(eventId, { action: 'amend', ...body }, actor());
  }

  @Get('corrections')
  @Roles('metering:read')
  async trail(
    @Param('id') eventId: string,
    @Query(new ZodValidationPipe(trailQuerySchema)) query: z.output<typeof trailQuerySchema>,
  ): Promise<{ data: CorrectionRecord[] }> {
    return { data: await this.corrector.trail(eventId, query.source) };
  }
}

/** Who corrects, for the audit trail: the authenticated caller. */
function actor(): string {
  const caller = currentTenantContext()?.actor;
  if (!caller) throw new Error('No actor in context: the request is not authenticated');
  return caller;
}
