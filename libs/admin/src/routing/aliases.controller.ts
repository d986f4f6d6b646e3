import { Body, Controller, Delete, Get, HttpCode, Param, Put, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AliasService, type AliasView } from '@modelgate/providers';
import { AdminValidationPipe } from '../http/admin-validation.pipe.js';
import { PutAliasBody } from './put-alias.body.js';

/** An alias name may contain '/' (`team-a/smart`): sent URL-encoded or as further path segments. */
function nameOf(name: string | string[]): string {
  return Array.isArray(name) ? name.join('/') : name;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller(['admin/aliases', 'admin/api/v1/aliases'])
@UsePipes(AdminValidationPipe)
export class AliasesController {
  constructor(private readonly aliases: AliasService) {}

  @Get()
  @ApiOperation({ summary: 'Model aliases, by name', description: 'config.yaml’s (source `config`, read-only) and the stored ones.' })
  list(): AliasView[] {
    return this.aliases.list();
  }

  @Put('*name')
  @ApiOperation({
    summary: 'Create or replace an alias',
    description: 'The target must resolve to a model now, may not be another alias, and may not be the alias itself.',
  })
  @ApiResponse({ status: 400, description: 'Invalid target, or an alias declared in config.yaml' })
  put(@Param('name') name: string | string[], @Body() body: PutAliasBody): Promise<AliasView> {
    const { target_model, target_provider, description, enabled } = body;
    return this.aliases.put(nameOf(name), { targetModel: target_model, targetProvider: target_provider, description, enabled });
  }

  @Delete('*name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an alias' })
  @ApiResponse({ status: 404, description: 'Unknown alias' })
  remove(@Param('name') name: string | string[]): Promise<void> {
    return this.aliases.delete(nameOf(name));
  }
}
