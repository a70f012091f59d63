import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  COMPLAINT_EVENT_TYPES,
  PUBLIC_VERSIONS,
  ceType,
  complaintEventsAsyncApi,
  publicSchemaDocument,
} from '@complaint-ledger/complaint-contract';
import { ApiError } from '../errors/api-error';
import { schemaRef } from '../openapi/command-schemas';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '@complaint-ledger/runtime';

const SCHEMA_FILES = new Map(COMPLAINT_EVENT_TYPES.map((type) => [`${ceType(type, PUBLIC_VERSIONS[type])}.json`, type]));

/** The public event contract, for subscribers: no token needed. */
@ApiTags('events contract')
@Controller('events')
export class EventsContractController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('asyncapi.json')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    operationId: 'eventsAsyncApi',
    summary: 'The AsyncAPI 3.0 document of the event topic (as this deployment configures it).',
  })
  @ApiOkResponse({ description: 'AsyncAPI 3.0', schema: { type: 'object', additionalProperties: true } })
  asyncApi(): Record<string, unknown> {
    return complaintEventsAsyncApi(
      this.config.bus.kind === 'kafka' ? { topic: this.config.bus.topic, partitions: this.config.bus.partitions } : {},
    );
  }

  @Get('schemas/:file')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({
    operationId: 'eventSchema',
    summary: 'The JSON Schema of one event type and version, e.g. ComplaintReceived.v1.json (the ce_dataschema of its records).',
  })
  @ApiParam({ name: 'file', description: '`<EventType>.v<N>.json`', schema: { type: 'string', pattern: '^[A-Za-z]+\\.v[0-9]+\\.json$' } })
  @ApiOkResponse({ description: 'JSON Schema (draft-07)', schema: { type: 'object', additionalProperties: true } })
  @ApiResponse({ status: 404, description: 'No such event type or version', schema: schemaRef('ErrorBody') })
  schema(@Param('file') file: string): Record<string, unknown> {
    const type = SCHEMA_FILES.get(file);
    if (!type)
      throw new ApiError(404, `no event schema ${JSON.stringify(file.slice(0, 100))}`, {
        file: file.slice(0, 100),
        known: [...SCHEMA_FILES.keys()],
      });
    return publicSchemaDocument(type);
  }
}
