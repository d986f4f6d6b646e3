import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ summary: 'Models of every provider instance', description: 'Sorted by selector (instance/model).' })
  models(@Query() query: ModelsQuery) {
    return this.reports.models(query.category);
  }

  @Get('models/categories')
  @ApiOperation({ summary: 'Model counts per category' })
  categories() {
    return this.reports.categories();
  }
}
