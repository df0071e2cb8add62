import { Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { Roles } from '@tenantry/auth';
import { costCapSchema, type CostCap } from '@tenantry/metering-core';
import { ValidatedBody } from '@tenantry/problem-details';
import type { CapStatus } from './cap-breaker';
import { CostCapsService } from './cost-caps.service';

/** The cost cap as the API shows it. */
interface CostCapView {
  cap: CostCap;
  period: { id: string; start: string; end: string };
  state: CapStatus['state'];
  spend: CapStatus['spend'];
}

/** The tenant's cost cap per billing period: a circuit breaker the gateway follows (metering.cap.v1). */
@Controller('v1/cost-cap')
export class CostCapController {
  constructor(private readonly caps: CostCapsService) {}

  @Put()
  @Roles('metering:admin')
  async set(@ValidatedBody(costCapSchema) cap: CostCap): Promise<CostCapView> {
    return view(await this.caps.set(cap));
  }

  @Get()
  @Roles('metering:read')
  async read(): Promise<CostCapView> {
    return view(await this.caps.read());
  }

  @Delete()
  @HttpCode(204)
  @Roles('metering:admin')
  async remove(): Promise<void> {
    await this.caps.remove();
  }
}

function view(status: CapStatus): CostCapView {
  return {
    cap: status.cap,
    period: {
      id: status.period.id,
      start: status.period.start.toISOString(),
      end: status.period.end.toISOString(),
    },
    state: status.state,
    spend: status.spend,
  };
}
