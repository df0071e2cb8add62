import { Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tenantry/auth';
import { grantSchema, isGrantActive, quotaPolicySchema } from '@tenantry/metering-core';
import { openApiSchema, ValidatedBody } from '@tenantry/problem-details';
import type { Response } from 'express';
import { z } from 'zod';
import type { StoredGrant } from './grant-store';
import type { StoredQuotaPolicy } from './quota-policy-store';
import { QuotaService, type CurrentQuotaBalance } from './quota.service';

const quotaRequestSchema = quotaPolicySchema.omit({ meterKey: true });

/** A grant as posted: core grantSchema's fields (id and effectiveAt optional) and a reason. */
const grantRequestSchema = z.object({
  ...grantSchema.shape,
  id: grantSchema.shape.id.optional(),
  effectiveAt: grantSchema.shape.effectiveAt.optional(),
  reason: z.string().trim().min(1).max(2000),
});

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
  async list() {
    return { data: (await this.quotas.list()).map(policyView) };
  }

  @Put(':meterKey')
  @Roles('metering:admin')
  @ApiBody({ schema: openApiSchema(quotaRequestSchema) })
  async set(
    @Param('meterKey') meterKey: string,
    @ValidatedBody(quotaRequestSchema) body: z.output<typeof quotaRequestSchema>,
  ) {
    return policyView(await this.quotas.set({ ...body, meterKey }));
  }

  @Delete(':meterKey')
  @HttpCode(204)
  @Roles('metering:admin')
  async remove(@Param('meterKey') meterKey: string): Promise<void> {
    await this.quotas.remove(meterKey);
  }

  /** 201 with the grant; 200 when the same grant (same id and content) was recorded before. */
  @Post(':meterKey/grants')
  @Roles('metering:admin')
  @ApiBody({ schema: openApiSchema(grantRequestSchema) })
  async grant(
    @Param('meterKey') meterKey: string,
    @ValidatedBody(grantRequestSchema) body: z.output<typeof grantRequestSchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { grant, created } = await this.quotas.grant(meterKey, body);
    response.status(created ? 201 : 200);
    return grantView(grant, new Date());
  }

  @Get(':meterKey/grants')
  @Roles('metering:read')
  async grants(@Param('meterKey') meterKey: string) {
    const now = new Date();
    return { data: (await this.quotas.grants(meterKey)).map((grant) => grantView(grant, now)) };
  }

  @Get(':meterKey/balance')
  @Roles('metering:read')
  async balance(@Param('meterKey') meterKey: string): Promise<CurrentQuotaBalance> {
    return this.quotas.balance(meterKey);
  }
}

function policyView({ policy, updatedAt, updatedBy }: StoredQuotaPolicy) {
  return { ...policy, updatedAt, updatedBy };
}

function grantView(grant: StoredGrant, now: Date) {
  return {
    id: grant.id,
    meterKey: grant.meterKey,
    amount: grant.amount,
    effectiveAt: grant.effectiveAt,
    expiresAt: grant.expiresAt ?? null,
    active: isGrantActive(grant, now),
    reason: grant.reason,
    createdBy: grant.createdBy,
    createdAt: grant.createdAt,
  };
}
