import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RuntimeConfigService } from './runtime-config.service.js';
import { RuntimeRefreshService, type RefreshReport } from './runtime-refresh.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller(['admin/runtime', 'admin/api/v1/runtime'])
export class RuntimeController {
  constructor(
    private readonly config: RuntimeConfigService,
    private readonly refresher: RuntimeRefreshService,
  ) {}

  @Get('config')
  @ApiOperation({ summary: 'Effective configuration', description: 'As loaded at start-up; secrets are masked (sk-...abcd, ********).' })
  effectiveConfig(): Record<string, unknown> {
    return this.config.effective();
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refresh model inventories and API keys',
    description: 'One refresh at a time; each step with status and duration.',
  })
  refresh(): Promise<RefreshReport> {
    return this.refresher.refresh();
  }
}

/** GoModel's dashboard reads its configuration here; only the legacy prefix has it (/admin/dashboard is the UI). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/api/v1/dashboard')
export class LegacyDashboardConfigController {
  constructor(private readonly config: RuntimeConfigService) {}

  @Get('config')
  @ApiOperation({ summary: 'Effective configuration (legacy alias of /admin/runtime/config)', deprecated: true })
  effectiveConfig(): Record<string, unknown> {
    return this.config.effective();
  }
}
