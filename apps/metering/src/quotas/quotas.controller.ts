import { Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tenantry/auth';
import { grantSchema, quotaPolicySchema } from '@tenantry/metering-core';
import {
  DocumentedOperation,
  pageQuerySchema,
  pageSchema,
  parseQueryParameters,
  ValidatedBody,
  type Page,
} from '@tenantry/problem-details';
import type { Response } from 'express';
import { z } from 'zod';
import { QuotaService } from './quota.service';
import {
  grantViewSchema,
  quotaBalanceSchema,
  quotaViewSchema,
  type GrantView,
  type QuotaBalanceView,
  type QuotaView,
} from './quota-views';

const quotaRequestSchema = quotaPolicySchema.omit({ meterKey: true });

/** A grant as posted: core grantSchema's fields (id and effectiveAt optional) and a reason. */
const grantRequestSchema = z.object({
  ...grantSchema.shape,
  id: grantSchema.shape.id.optional().describe('default: a UUID; the same id again is a retry'),
  effectiveAt: grantSchema.shape.effectiveAt.optional().describe('default: now'),
  reason: z.string().trim().min(1).max(2000),
});

const listQuerySchema = pageQuerySchema();

/**
 * Quotas per meter (`metering:admin` to change, `metering:read` to read): the policy, grants
 * that raise the entitlement, and the real-time balance of the current period.
 */
@ApiTags('quotas')
@ApiBearerAuth()
@Controller('v1/quotas')
export class QuotasController {
  constructor(private readonly quotas: QuotaService) {}

  @Get()
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'List the quotas',
    description: 'By meter key.',
    query: listQuerySchema,
    answer: { schema: pageSchema(quotaViewSchema) },
  })
  list(@Query() query: unknown): Promise<Page<QuotaView>> {
    return this.quotas.list(parseQueryParameters(listQuerySchema, query));
  }

  @Put(':meterKey')
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: "Set a meter's quota",
    description: 'Creates or replaces it; notices the current period calls for go out at once.',
    body: quotaRequestSchema,
    answer: { schema: quotaViewSchema },
    problems: { 404: '`meter-not-found`' },
  })
  set(
    @Param('meterKey') meterKey: string,
    @ValidatedBody(quotaRequestSchema) body: z.output<typeof quotaRequestSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<QuotaView> {
    return this.quotas.set({ ...body, meterKey }, principal.actor);
  }

  @Delete(':meterKey')
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: "Remove a meter's quota",
    description: 'Its grants stay on record and count again if a quota is set again.',
    answer: { status: 204 },
    problems: { 404: '`quota-not-found`' },
  })
  async remove(@Param('meterKey') meterKey: string): Promise<void> {
    await this.quotas.remove(meterKey);
  }

  @Post(':meterKey/grants')
  @Roles('metering:admin')
  @DocumentedOperation({
    summary: 'Grant extra usage on a quota',
    description:
      'Raises the entitlement by `amount` in every period while active. 201 with the grant; 200 ' +
      'with the recorded grant when the same id comes again with the same content.',
    body: grantRequestSchema,
    answer: { status: 201, schema: grantViewSchema },
    problems: { 404: '`quota-not-found`', 409: '`grant-exists`: the id has other content' },
  })
  async grant(
    @Param('meterKey') meterKey: string,
    @ValidatedBody(grantRequestSchema) body: z.output<typeof grantRequestSchema>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<GrantView> {
    const { grant, created } = await this.quotas.grant(meterKey, body, principal.actor);
    response.status(created ? 201 : 200);
    return grant;
  }

  @Get(':meterKey/grants')
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'List the grants on a quota',
    description: 'By effective time, then id.',
    query: listQuerySchema,
    answer: { schema: pageSchema(grantViewSchema) },
    problems: { 404: '`quota-not-found`' },
  })
  grants(@Param('meterKey') meterKey: string, @Query() query: unknown): Promise<Page<GrantView>> {
    return this.quotas.grants(meterKey, parseQueryParameters(listQuerySchema, query));
  }

  @Get(':meterKey/balance')
  @Roles('metering:read')
  @DocumentedOperation({
    summary: 'The balance of a quota now',
    description: 'For the quota period containing now, in the tenant time zone.',
    answer: { schema: quotaBalanceSchema },
    problems: { 404: '`quota-not-found`' },
  })
  balance(@Param('meterKey') meterKey: string): Promise<QuotaBalanceView> {
    return this.quotas.balance(meterKey);
  }
}
