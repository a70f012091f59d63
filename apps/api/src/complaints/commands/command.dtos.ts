// Request bodies of the command routes. Field names and vocabularies are the public contract
// (issue 4); the domain re-checks every payload (commandProblem), so these are the first line.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, FEEDBACK_METHODS, MOTIVES, REMEDIES, SERVICE_DIMENSIONS, URGENCIES } from '@complaint-ledger/complaint-domain';

const MAX_TEXT = 10_000;

/** A required non-empty string of at most 10,000 characters. */
function Text(description?: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ type: String, maxLength: MAX_TEXT, description })(target, key);
    IsString()(target, key);
    IsNotEmpty()(target, key);
    MaxLength(MAX_TEXT)(target, key);
  };
}
function OptionalText(description?: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: String, maxLength: MAX_TEXT, description })(target, key);
    IsOptional()(target, key);
    IsString()(target, key);
    IsNotEmpty()(target, key);
    MaxLength(MAX_TEXT)(target, key);
  };
}
function OneOf(values: readonly string[], required: boolean): PropertyDecorator {
  return (target, key) => {
    (required ? ApiProperty : ApiPropertyOptional)({ enum: [...values] })(target, key);
    if (!required) IsOptional()(target, key);
    IsIn([...values], { message: `$property must be one of: ${values.join(', ')}` })(target, key);
  };
}
function Instant(description: string): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: String, format: 'date-time', description })(target, key);
    IsOptional()(target, key);
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date-time with a time zone' })(target, key);
  };
}
function Nested(cls: () => new () => object, required: boolean): PropertyDecorator {
  return (target, key) => {
    (required ? ApiProperty : ApiPropertyOptional)({ type: cls })(target, key);
    if (!required) IsOptional()(target, key);
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(cls)(target, key);
  };
}

/** Every command may say when it happened (business time). */
export abstract class CommandBody {
  @Instant('When it happened (default: now). Never in the future; more than 24 h back only for role admin (imports).')
  occurredAt?: string;
}

export class CustomerContactDto {
  @OptionalText() name?: string;
  @ApiPropertyOptional({ type: String, format: 'email' })
  @IsOptional()
  @IsString()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: '$property must be an e-mail address' })
  @MaxLength(MAX_TEXT)
  email?: string;
  @OptionalText() phone?: string;
}

export class RootCauseDto {
  @Text('Short code analysts group by, e.g. production_oversight') code!: string;
  @ApiPropertyOptional({ type: [String], maxItems: 10, description: '5-Why chain, first "why" first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  whyChain?: string[];
}

export class MoneyAmountDto {
  @ApiProperty({ type: Number, minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  value!: number;
  @ApiProperty({ type: String, pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code such as EUR' })
  currency!: string;
}

export class CreateComplaintDto extends CommandBody {
  @Text() customerId!: string;
  @OneOf(CHANNELS, true) channel!: string;
  @Text() description!: string;
  @OneOf(URGENCIES, false) urgency?: string;
  @Instant('When the incident happened (not after the complaint was received)') incidentAt?: string;
  @OptionalText() location?: string;
  @OptionalText() productRef?: string;
  @OptionalText() orderRef?: string;
  @Nested(() => CustomerContactDto, false) customer?: CustomerContactDto;
}

export class AcknowledgeDto extends CommandBody {
  @OptionalText() message?: string;
}

export class ClassifyDto extends CommandBody {
  @Text() category!: string;
  @OptionalText() subcategory?: string;
  @OneOf(URGENCIES, true) urgency!: string;
  @Nested(() => RootCauseDto, false) rootCause?: RootCauseDto;
  @OneOf(MOTIVES, false) motive?: string;
  @OneOf(SERVICE_DIMENSIONS, false) serviceDimension?: string;
  @OptionalText() team?: string;
  @OptionalText() agent?: string;
}

export class AssignDto extends CommandBody {
  @Text() team!: string;
  @OptionalText() agent?: string;
}

export class ProposeSolutionDto extends CommandBody {
  @OneOf(REMEDIES, true) remedy!: string;
  @Text() description!: string;
  @Nested(() => MoneyAmountDto, false) amount?: MoneyAmountDto;
}

export class AcceptSolutionDto extends CommandBody {
  @OptionalText() note?: string;
}

export class RejectSolutionDto extends CommandBody {
  @Text() reason!: string;
}

export class ImplementationProgressDto extends CommandBody {
  @Text() note!: string;
}

export class CompleteImplementationDto extends CommandBody {
  @Text() outcome!: string;
}

export class FeedbackDto extends CommandBody {
  @OneOf(FEEDBACK_METHODS, true) method!: string;
  @ApiProperty({ type: Number, minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction!: number;
  @ApiProperty({ type: Boolean })
  @IsBoolean()
  resolved!: boolean;
  @OptionalText() comment?: string;
}

export class EvaluateDto extends CommandBody {
  @Nested(() => RootCauseDto, true) rootCause!: RootCauseDto;
  @OptionalText() preventiveAction?: string;
  @OptionalText() notes?: string;
}

export class EscalateDto extends CommandBody {
  @Text() reason!: string;
  @OptionalText() to?: string;
}

export class ReopenDto extends CommandBody {
  @Text() reason!: string;
}

export class WithdrawDto extends CommandBody {
  @OptionalText() reason?: string;
}

/** 201 body of every command. */
export class CommandResponseDto {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: Number, description: "0-based revision of the case's last event" }) revision!: number;
  @ApiProperty({ enum: ['received', 'classified', 'solutionProposed', 'implementing', 'awaitingFeedback', 'evaluating', 'closed', 'withdrawn'] })
  state!: string;
}
