import { Body, Controller, Delete, Get, HttpCode, Param, Post, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthKeyService, type AuthKeyView, type CreatedAuthKey } from '@modelgate/auth';
import { GatewayError } from '@modelgate/core';
import { AdminValidationPipe } from '../http/admin-validation.pipe.js';
import { CreateAuthKeyBody } from './create-auth-key.body.js';

function unknownKey(id: string): GatewayError {
  return GatewayError.notFound(`API key '${id}' does not exist; GET /admin/auth-keys lists them`, {
    param: 'id',
    code: 'auth_key_not_found',
  });
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller(['admin/auth-keys', 'admin/api/v1/auth-keys'])
@UsePipes(AdminValidationPipe)
export class AuthKeysController {
  constructor(private readonly keys: AuthKeyService) {}

  @Get()
  @ApiOperation({ summary: 'Managed API keys, newest first', description: 'Never the secret: only its redacted form.' })
  list(): Promise<AuthKeyView[]> {
    return this.keys.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key', description: 'The answer carries the secret in `value`: the only time it is shown.' })
  @ApiResponse({ status: 201, description: 'The key, with its secret' })
  create(@Body() body: CreateAuthKeyBody): Promise<CreatedAuthKey> {
    const { name, description, user_path, expires_at } = body;
    return this.keys.create({
      name,
      description,
      userPath: user_path,
      expiresAt: expires_at === undefined ? undefined : new Date(expires_at),
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One API key' })
  @ApiResponse({ status: 404, description: 'Unknown id' })
  async get(@Param('id') id: string): Promise<AuthKeyView> {
    const key = await this.keys.get(id);
    if (!key) throw unknownKey(id);
    return key;
  }

  @Post([':id/deactivate', ':id/disable'])
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate an API key for good',
    description: 'Requests with it get 401 from then on; 204 as GoModel answers (GET /admin/auth-keys/{id} shows the key).',
  })
  @ApiResponse({ status: 204, description: 'Deactivated' })
  @ApiResponse({ status: 404, description: 'Unknown id' })
  async deactivate(@Param('id') id: string): Promise<void> {
    if (!(await this.keys.deactivate(id))) throw unknownKey(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an API key' })
  @ApiResponse({ status: 404, description: 'Unknown id' })
  async remove(@Param('id') id: string): Promise<void> {
    if (!(await this.keys.delete(id))) throw unknownKey(id);
  }
}
