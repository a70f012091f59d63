// Response shapes of the query routes, for the OpenAPI document (the handlers return plain objects).
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { CHANNELS, DEADLINE_KINDS, REMEDIES, URGENCIES, type MoneyAmount, type RootCause } from '@complaint-ledger/complaint-contract';
import { schemaRef } from '../../openapi/command-schemas';
import { LIST_LIMIT_MAX, LIST_STATES } from './list-query';

export class DeadlineDto {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When it falls due; null while paused, stopped or met' })
  dueAt!: string | null;
  @ApiProperty({ description: 'Time left on the clock (ms); negative once overdue' }) remainingMs!: number;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ description: 'Met (acknowledged / resolved)' }) met!: boolean;
  @ApiProperty({ description: 'Breached as of the response time (a running clock past due counts)' }) breached!: boolean;
}

export class ClassificationDto {
  @ApiProperty() category!: string;
  @ApiPropertyOptional() subcategory?: string;
  @ApiPropertyOptional(schemaRef('RootCause') as ApiPropertyOptions) rootCause?: RootCause;
  @ApiPropertyOptional() motive?: string;
  @ApiPropertyOptional() serviceDimension?: string;
}

export class AssignmentDto {
  @ApiProperty() team!: string;
  @ApiPropertyOptional() agent?: string;
}

export class RemedyDto {
  @ApiProperty() solutionNumber!: number;
  @ApiProperty({ enum: REMEDIES }) remedy!: string;
  @ApiProperty() description!: string;
  @ApiPropertyOptional(schemaRef('MoneyAmount') as ApiPropertyOptions) amount?: MoneyAmount;
  @ApiProperty({ enum: ['proposed', 'accepted', 'rejected', 'implemented'] }) status!: string;
  @ApiPropertyOptional() outcome?: string;
}

export class ComplaintViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: LIST_STATES }) state!: string;
  @ApiProperty({ description: '0-based revision of the last event' }) revision!: number;
  @ApiProperty({ description: 'Step of the six-step flow (1 receive … 6 evaluate)' }) step!: number;
  @ApiProperty() customerId!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: URGENCIES }) urgency!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) acknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) withdrawnAt!: string | null;
  @ApiProperty({ type: ClassificationDto, nullable: true }) classification!: ClassificationDto | null;
  @ApiProperty({ type: AssignmentDto, nullable: true }) assignment!: AssignmentDto | null;
  @ApiProperty({ type: RemedyDto, nullable: true, description: 'The current remedy' }) remedy!: RemedyDto | null;
  @ApiProperty() escalationLevel!: number;
  @ApiProperty() reopenCount!: number;
  @ApiProperty({ type: [DeadlineDto] }) deadlines!: DeadlineDto[];
  @ApiProperty({ description: 'Any deadline breached as of asOf' }) breached!: boolean;
  @ApiProperty({ description: 'Global position of the last event; send it as X-Min-Position to list with this change included' })
  position!: string;
  @ApiProperty({ format: 'date-time', description: 'The instant deadlines were judged at' }) asOf!: string;
}

export class CaseListItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: LIST_STATES }) state!: string;
  @ApiProperty() step!: number;
  @ApiProperty() revision!: number;
  @ApiProperty() customerId!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: URGENCIES }) urgency!: string;
  @ApiProperty({ type: String, nullable: true }) category!: string | null;
  @ApiProperty({ type: String, nullable: true }) team!: string | null;
  @ApiProperty({ type: String, nullable: true }) agent!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: REMEDIES }) remedy!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) acknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
  @ApiProperty() escalationLevel!: number;
  @ApiProperty() reopenCount!: number;
  @ApiProperty({ format: 'date-time' }) acknowledgeDueAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'null while the resolve clock is paused or stopped' })
  resolveDueAt!: string | null;
  @ApiProperty() resolvePaused!: boolean;
  @ApiProperty({ description: 'Breached as of the response time' }) breached!: boolean;
}

export class CaseListPageDto {
  @ApiProperty({ type: [CaseListItemDto] }) items!: CaseListItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Opaque; pass as ?cursor= for the next page (null: last page)' }) nextCursor!:
    string | null;
  @ApiProperty({ maximum: LIST_LIMIT_MAX }) limit!: number;
  @ApiProperty({ format: 'date-time', description: 'The instant `breached` was judged at' }) asOf!: string;
  @ApiProperty({ description: 'Last global position the list reflects' }) position!: string;
}
