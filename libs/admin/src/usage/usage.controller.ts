import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminValidationPipe } from '../http/admin-validation.pipe.js';
import { RequestTimeZone } from '../http/request-time-zone.decorator.js';
import { UsageLogQuery, UsageModelsQuery, UsageQuery, UsageSeriesQuery } from './usage.query.js';
import { UsageReportService } from './usage-report.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiHeader({ name: 'X-GoModel-Timezone', required: false, description: 'IANA time zone when the timezone parameter is absent' })
@Controller(['admin/usage', 'admin/api/v1/usage'])
@UsePipes(AdminValidationPipe)
export class UsageController {
  constructor(private readonly reports: UsageReportService) {}

  @Get('summary')
  @ApiOperation({
    summary: 'Usage totals',
    description: 'Requests, tokens, cost (null when nothing was priced) and price_unknown_requests.',
  })
  summary(@Query() query: UsageQuery, @RequestTimeZone() timeZone: string) {
    return this.reports.summary(query, timeZone);
  }

  @Get('daily')
  @ApiOperation({ summary: 'Usage per local day, ISO week or month', description: 'Periods without traffic are left out.' })
  daily(@Query() query: UsageSeriesQuery, @RequestTimeZone() timeZone: string) {
    return this.reports.series(query, timeZone);
  }

  @Get('models')
  @ApiOperation({ summary: 'Usage per model and provider', description: 'Most expensive first; the first `limit` when given.' })
  models(@Query() query: UsageModelsQuery, @RequestTimeZone() timeZone: string) {
    return this.reports.byModel(query, timeZone);
  }

  @Get('user-paths')
  @ApiOperation({ summary: 'Usage per user path', description: 'Requests without a user path are grouped under /.' })
  userPaths(@Query() query: UsageQuery, @RequestTimeZone() timeZone: string) {
    return this.reports.byUserPath(query, timeZone);
  }

  @Get('log')
  @ApiOperation({ summary: 'Usage rows, newest first', description: 'One row per model request; paginated with total, limit, offset.' })
  log(@Query() query: UsageLogQuery, @RequestTimeZone() timeZone: string) {
    return this.reports.log(query, timeZone);
  }
}
