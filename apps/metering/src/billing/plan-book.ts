import { planSchema, type Plan } from '@tenantry/metering-core';
import { queryRow, queryRows } from '@tenantry/tenant-context';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { holdInvoicingLock } from './billing-locks';
import { billingMonthSchema } from './billing-period-param';
import { CurrencyMismatchError } from './currency-mismatch.error';
import { PeriodAlreadyInvoicedError } from './period-already-invoiced.error';
import { PlanVersionConflictError } from './plan-version-conflict.error';

/** One version of a tenant's plan and the billing period from which it prices usage. */
export const planVersionSchema = z.object({
  version: z.number().int().positive(),
  effectiveFrom: billingMonthSchema.describe('the first billing period the version prices'),
  plan: planSchema,
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
});

/** One version of a tenant's plan. */
export type PlanVersion = z.output<typeof planVersionSchema>;

/**
 * `PUT /v1/plan`: a plan (core planSchema; its version is given by the service, or, when the
 * caller names one, must be the next) and the first period it prices.
 */
export const planChangeSchema = z.strictObject({
  plan: z
    .looseObject({})
    .describe(
      'the plan: `key`, `currency`, `charges[{ meterKey, model, description? }]`, `flatFees?`, ' +
        '`minimumCommitment?` and, to insist on the next version, `version`',
    ),
  effectiveFrom: billingMonthSchema.describe('the first billing period the version prices'),
});

/** A plan change as the API takes it. */
export type PlanChange = z.output<typeof planChangeSchema>;

const planRow = z
  .object({
    version: z.number().int(),
    effective_from: z.string(),
    plan: planSchema,
    created_at: z.date(),
    created_by: z.string(),
  })
  .transform((row): PlanVersion => ({
    version: row.version,
    effectiveFrom: row.effective_from,
    plan: row.plan,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  }));

const planColumns = `version, effective_from, plan, created_at, created_by`;

/** Every version of the transaction tenant's plan, newest first. */
export function planVersions(manager: EntityManager): Promise<PlanVersion[]> {
  return queryRows(
    manager,
    planRow,
    `SELECT ${planColumns} FROM metering.plans ORDER BY version DESC`,
  );
}

/** The plan that prices `periodId`: the latest version effective from that period or before. */
export function planInEffect(
  manager: EntityManager,
  periodId: string,
): Promise<PlanVersion | undefined> {
  return queryRow(
    manager,
    planRow,
    `SELECT ${planColumns} FROM metering.plans
      WHERE effective_from <= $1 ORDER BY version DESC LIMIT 1`,
    [periodId],
  );
}

/**
 * Adds the next version of the tenant's plan. Refuses (409) a version other than the next one
 * and a start in a period already invoiced — a plan never reprices a closed period — and (422)
 * a currency other than the tenant's cost cap's, which is compared with the plan's spend.
 */
export async function addPlanVersion(
  manager: EntityManager,
  tenantId: string,
  change: PlanChange,
  actor: string,
): Promise<PlanVersion> {
  const proposed = readPlan(change.plan);
  await holdInvoicingLock(manager);
  const state = (await queryRow(
    manager,
    z.object({
      latest_version: z.number().int(),
      last_invoiced: z.string().nullable(),
      cap_currency: z.string().nullable(),
    }),
    `SELECT (SELECT coalesce(max(version), 0) FROM metering.plans) AS latest_version,
            (SELECT max(period_id) FROM metering.invoices) AS last_invoiced,
            (SELECT currency FROM metering.cost_caps) AS cap_currency`,
  ))!;
  const version = state.latest_version + 1;
  if (proposed.version !== undefined && proposed.version !== version) {
    throw new PlanVersionConflictError(version, proposed.version);
  }
  if (state.last_invoiced !== null && change.effectiveFrom <= state.last_invoiced) {
    throw new PeriodAlreadyInvoicedError(state.last_invoiced);
  }
  if (state.cap_currency !== null && state.cap_currency !== proposed.plan.currency) {
    throw new CurrencyMismatchError(
      `The cost cap is in ${state.cap_currency}; a plan in ${proposed.plan.currency} needs the cap changed or removed first.`,
    );
  }
  const plan: Plan = { ...proposed.plan, version };
  const added = await queryRow(
    manager,
    planRow,
    `INSERT INTO metering.plans (tenant_id, version, plan, effective_from, created_by)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING ${planColumns}`,
    [tenantId, version, JSON.stringify(plan), change.effectiveFrom, actor],
  );
  return added!;
}

/** Validates a plan as core planSchema does, with the version the caller may leave out. */
function readPlan(raw: Record<string, unknown>): { plan: Plan; version: number | undefined } {
  const parsed = planSchema.safeParse({ version: 1, ...raw });
  if (!parsed.success) {
    throw new z.ZodError(
      parsed.error.issues.map((issue) => ({ ...issue, path: ['plan', ...issue.path] })),
    );
  }
  return {
    plan: parsed.data,
    version: raw['version'] === undefined ? undefined : parsed.data.version,
  };
}
