import { Body, Controller, Delete, Get, HttpCode, Param, Put, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ModelOverrideService, type ModelOverrideView } from '@modelgate/providers';
import { AdminValidationPipe } from '../http/admin-validation.pipe.js';
import { PutModelOverrideBody } from './put-model-override.body.js';

/** `/` is sent URL-encoded (`%2F`); `openai-east/gpt-4o` either encoded or as two path segments. */
function selectorOf(selector: string | string[]): string {
  return Array.isArray(selector) ? selector.join('/') : selector;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller(['admin/model-overrides', 'admin/api/v1/model-overrides'])
@UsePipes(AdminValidationPipe)
export class ModelOverridesController {
  constructor(private readonly overrides: ModelOverrideService) {}

  @Get()
  @ApiOperation({ summary: 'Model access overrides, by selector' })
  list(): Promise<ModelOverrideView[]> {
    return this.overrides.list();
  }

  @Put('*selector')
  @ApiOperation({
    summary: 'Allow the models a selector names to these user paths only',
    description:
      'Selector `/` (every model), `<provider>/` (every model of an instance), `<model>` or `<provider>/<model>`; the most specific override decides.',
  })
  @ApiResponse({ status: 400, description: 'Unknown provider instance, or no user paths' })
  put(@Param('selector') selector: string | string[], @Body() body: PutModelOverrideBody): Promise<ModelOverrideView> {
    return this.overrides.put(selectorOf(selector), body.user_paths);
  }

  @Delete('*selector')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a model override' })
  @ApiResponse({ status: 404, description: 'No override for the selector' })
  remove(@Param('selector') selector: string | string[]): Promise<void> {
    return this.overrides.delete(selectorOf(selector));
  }
}
