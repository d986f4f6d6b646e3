import { Controller, Get, Headers, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GatewayError, type ModelList, type ModelObject } from '@modelgate/core';
import { ModelCatalog } from '@modelgate/providers';
import { toAnthropicModel, toAnthropicModelPage, type AnthropicModelInfo, type AnthropicModelPage } from './to-anthropic-model.js';

@ApiTags('OpenAI-compatible')
@ApiBearerAuth()
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly catalog: ModelCatalog) {}

  @Get()
  @ApiOperation({
    summary: 'List models',
    description:
      "Every model of every provider instance, as `instance/model`, owned by the instance. With an `anthropic-version` header (Anthropic SDKs), in Anthropic's shape.",
  })
  @ApiResponse({ status: 200, description: 'OpenAI model list, or Anthropic model page' })
  list(@Headers('anthropic-version') anthropicVersion?: string): ModelList | AnthropicModelPage {
    const models = this.catalog.listModels();
    return anthropicVersion === undefined ? { object: 'list', data: models } : toAnthropicModelPage(models);
  }

  @Get('*model')
  @ApiOperation({ summary: 'Retrieve a model', description: 'By `instance/model` or by bare model ID.' })
  @ApiResponse({ status: 404, description: 'Unknown model' })
  retrieve(
    @Param('model') model: string | string[],
    @Headers('anthropic-version') anthropicVersion?: string,
  ): ModelObject | AnthropicModelInfo {
    const id = Array.isArray(model) ? model.join('/') : model;
    const { adapter, model: local } = this.catalog.resolve(id);
    const qualified = `${adapter.config.name}/${local}`;
    const found = this.catalog.listModels().find((entry) => entry.id === qualified);
    if (!found)
      throw GatewayError.notFound(`model '${id}' is not listed by provider '${adapter.config.name}'`, {
        param: 'model',
        code: 'model_not_found',
      });
    return anthropicVersion === undefined ? found : toAnthropicModel(found);
  }
}
