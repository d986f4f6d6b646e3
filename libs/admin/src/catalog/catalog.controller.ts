import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext } from '@modelgate/core';
import { AdminValidationPipe } from '../http/admin-validation.pipe.js';
import { ModelsQuery } from './catalog.query.js';
import { CatalogReportService } from './catalog-report.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller(['admin', 'admin/api/v1'])
@UsePipes(AdminValidationPipe)
export class CatalogController {
  constructor(private readonly reports: CatalogReportService) {}

  @Get('providers/status')
  @ApiOperation({ summary: 'Provider health', description: 'From each instance’s last model listing; API keys are never shown.' })
  providerStatus() {
    return this.reports.providerStatus();
  }

  @Get('models')
  @ApiOperation({
    summary: 'Models of every provider instance',
    description: 'Sorted by selector (instance/model), with access and aliases; with a user path header, only what that path may use.',
  })
  models(@Query() query: ModelsQuery, @Ctx() ctx: RequestContext) {
    return this.reports.models(query.category, ctx.userPath);
  }

  @Get('models/categories')
  @ApiOperation({ summary: 'Model counts per category' })
  categories() {
    return this.reports.categories();
  }
}
