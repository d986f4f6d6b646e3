import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminValidationPipe } from '../http/admin-validation.pipe.js';
import { RequestTimeZone } from '../http/request-time-zone.decorator.js';
import { AuditConversationQuery, AuditDetailQuery, AuditLogQuery } from './audit.query.js';
import { AuditLogService } from './audit-log.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller(['admin/audit', 'admin/api/v1/audit'])
@UsePipes(AdminValidationPipe)
export class AuditController {
  constructor(private readonly audit: AuditLogService) {}

  @Get('log')
  @ApiOperation({ summary: 'Audit entries, newest first', description: 'Paginated (total, limit, offset); bodies are in audit/detail.' })
  @ApiHeader({ name: 'X-GoModel-Timezone', required: false, description: 'IANA time zone when the timezone parameter is absent' })
  log(@Query() query: AuditLogQuery, @RequestTimeZone() timeZone: string) {
    return this.audit.log(query, timeZone);
  }

  @Get('detail')
  @ApiOperation({ summary: 'One audit entry with its headers and bodies' })
  @ApiResponse({ status: 404, description: 'Unknown id' })
  detail(@Query() query: AuditDetailQuery) {
    return this.audit.detail(query);
  }

  @Get('conversation')
  @ApiOperation({
    summary: 'The thread around one audit entry',
    description: 'Linked by previous_response_id, conversation id, or chats whose messages extend one another; oldest first.',
  })
  conversation(@Query() query: AuditConversationQuery) {
    return this.audit.conversation(query);
  }
}
