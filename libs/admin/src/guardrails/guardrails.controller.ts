import { Body, Controller, Delete, Get, HttpCode, Param, Put, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { parseUserPath } from '@modelgate/core';
import { GUARDRAIL_TYPES, GuardrailRegistry, type GuardrailView } from '@modelgate/guardrails';
import { AdminValidationPipe } from '../http/admin-validation.pipe.js';
import { PutGuardrailBody } from './put-guardrail.body.js';

/** GoModel's admin shape of a definition, with where it comes from and its step. */
function guardrailJson(view: GuardrailView) {
  return {
    name: view.name,
    type: view.type,
    description: view.description ?? '',
    user_path: view.userPath ?? '',
    order: view.order,
    config: view.config,
    source: view.source,
    summary: view.summary,
    created_at: view.createdAt?.toISOString() ?? null,
    updated_at: view.updatedAt?.toISOString() ?? null,
  };
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller(['admin/guardrails', 'admin/api/v1/guardrails'])
@UsePipes(AdminValidationPipe)
export class GuardrailsController {
  constructor(private readonly guardrails: GuardrailRegistry) {}

  @Get('types')
  @ApiOperation({ summary: 'Guardrail types', description: 'Each type with its defaults and the fields of its config, for forms.' })
  types() {
    return GUARDRAIL_TYPES.map(({ type, label, description, defaults, fields }) => ({ type, label, description, defaults, fields }));
  }

  @Get()
  @ApiOperation({ summary: 'Guardrails, by name', description: 'config.yaml’s (source `config`, read-only) and the stored ones.' })
  list() {
    return this.guardrails.list().map(guardrailJson);
  }

  @Put(':name')
  @ApiOperation({
    summary: 'Create or replace a guardrail',
    description: 'The config is checked against the type; the name may not contain `/`.',
  })
  @ApiResponse({ status: 400, description: 'Unknown type, a config that does not fit it, or a guardrail declared in config.yaml' })
  async put(@Param('name') name: string, @Body() body: PutGuardrailBody) {
    const userPath =
      body.user_path === undefined || body.user_path.trim() === '' ? null : parseUserPath(body.user_path, 'user_path', 'user_path');
    const view = await this.guardrails.put(name, {
      type: body.type,
      description: body.description ?? null,
      userPath,
      order: body.order,
      config: body.config,
    });
    return guardrailJson(view);
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a guardrail' })
  @ApiResponse({ status: 404, description: 'Unknown guardrail' })
  remove(@Param('name') name: string): Promise<void> {
    return this.guardrails.delete(name);
  }
}
