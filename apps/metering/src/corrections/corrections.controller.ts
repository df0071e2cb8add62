import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import {
  DocumentedOperation,
  pageQuerySchema,
  pageSchema,
  parseQueryParameters,
  ValidatedBody,
  type Page,
} from '@tenantry/problem-details';
import { z } from 'zod';
import { correctionRecordSchema, type CorrectionRecord } from './correction-trail';
import { CorrectionsService } from './corrections.service';
import { UsageCorrector } from './usage-corrector';

const source = z
  .string()
  .min(1)
  .max(512)
  .optional()
  .describe('the source of the event, needed when several sources used its id');
const reason = z.string().trim().min(1).max(2000);
const voidRequestSchema = z.object({ source, reason });
const amendRequestSchema = z.object({
  source,
  data: z.record(z.string(), z.unknown()).describe('the new data; at most 64 KiB as JSON'),
  reason,
});
const trailQuerySchema = pageQuerySchema().extend({ source });

const correctionProblems = {
  404: '`usage-event-not-found`',
  409: '`ambiguous-usage-event` (name the `source`), `usage-event-voided` (a void is final)',
};

/**
 * Corrections of recorded usage events (`metering:admin`), each with a reason and an audit
 * record, and the audit trail of an event (`metering:read`). `source` names the event when
 * several sources used its id.
 */
@ApiTags('corrections')
@ApiBearerAuth()
@Controller('v1/events/:id')
export class CorrectionsController {
  constructor(
    private readonly corrector: UsageCorrector,
    private readonly corrections: CorrectionsService,
  ) {}

  @Post('void')
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Void a usage event',
    description: 'The event stops counting; every bucket it counted in is rebuilt.',
    body: voidRequestSchema,
    answer: { schema: correctionRecordSchema, description: 'The correction record' },
    problems: correctionProblems,
  })
  void(
    @Param('id') eventId: string,
    @ValidatedBody(voidRequestSchema) body: z.output<typeof voidRequestSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CorrectionRecord> {
    return this.corrector.correct(eventId, { action: 'void', ...body }, principal.actor);
  }

  @Post('amend')
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Amend the data of a usage event',
    description:
      'Replaces `data` (type, subject and time stay), checked as ingestion would check the event.',
    body: amendRequestSchema,
    answer: { schema: correctionRecordSchema, description: 'The correction record' },
    problems: {
      ...correctionProblems,
      409: `${correctionProblems[409]}, \`usage-event-unchanged\` (the same data)`,
      422: 'an invalid body, or `usage-event-rejected`: ingestion would reject the amended event',
    },
  })
  amend(
    @Param('id') eventId: string,
    @ValidatedBody(amendRequestSchema) body: z.output<typeof amendRequestSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CorrectionRecord> {
    return this.corrector.correct(eventId, { action: 'amend', ...body }, principal.actor);
  }

  @Get('corrections')
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'The audit trail of a usage event',
    description: 'Its corrections, oldest first.',
    query: trailQuerySchema,
    answer: { schema: pageSchema(correctionRecordSchema) },
    problems: { 404: '`usage-event-not-found`' },
  })
  trail(@Param('id') eventId: string, @Query() query: unknown): Promise<Page<CorrectionRecord>> {
    const { source: eventSource, ...page } = parseQueryParameters(trailQuerySchema, query);
    return this.corrections.trail(eventId, eventSource, page);
  }
}
