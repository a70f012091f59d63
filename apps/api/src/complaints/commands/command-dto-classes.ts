// class-validator DTO classes generated from the domain's command shapes: the HTTP boundary
// validates with class-validator (whitelisting, nesting, optional fields) while every rule and
// every reason comes from the one definition of the command (COMMAND_SHAPES).
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsOptional, ValidateBy, ValidateNested, type ValidationArguments } from 'class-validator';
import { COMMAND_SHAPES, OCCURRED_AT_FIELD } from '@complaint-ledger/complaint-domain';
import { fieldProblem, isPlainObject, type Field, type Fields } from '@complaint-ledger/complaint-contract';
import { bodyName, HTTP_COMMAND_TYPES, type HttpCommandType } from './command-routes';

type DtoClass = new () => object;

/**
 * The domain's own check of one field, as a class-validator constraint. A problem deeper inside
 * the value (a list entry) is reported as `<subpath> <reason>`, e.g. `[2] must not be empty`.
 */
function FitsField(f: Field): PropertyDecorator {
  return ValidateBy({
    name: 'fitsField',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => fieldProblem(f, value, args?.property ?? '') === null,
      defaultMessage: (args?: ValidationArguments) => {
        const property = args?.property ?? '';
        const problem = fieldProblem(f, args?.value, property);
        if (!problem) return 'is invalid';
        return problem.field === property ? problem.reason : `${problem.field.slice(property.length)} ${problem.reason}`;
      },
    },
  });
}

const IsPlainObject = (): PropertyDecorator =>
  ValidateBy({
    name: 'isPlainObject',
    validator: { validate: (v: unknown) => isPlainObject(v), defaultMessage: () => 'must be an object' },
  });

const nestedClasses = new Map<string, DtoClass>();

/** A named class whose properties carry the constraints of these fields (nested objects: classes of their own). */
function dtoClass(name: string, fields: Fields): DtoClass {
  const cls = { [name]: class {} }[name] as DtoClass;
  for (const [key, f] of Object.entries(fields)) {
    const decorate = (d: PropertyDecorator) => d(cls.prototype, key);
    if (!f.required) decorate(IsOptional());
    if (f.spec.kind === 'object') {
      const spec = f.spec;
      const nested = nestedClasses.get(spec.name) ?? dtoClass(spec.name, spec.fields);
      nestedClasses.set(spec.name, nested);
      decorate(IsPlainObject());
      decorate(ValidateNested());
      decorate(Type(() => nested));
    } else {
      decorate(FitsField(f));
    }
  }
  return cls;
}

/** Every command's request body: its payload fields and `occurredAt`. */
export const COMMAND_BODY_FIELDS = Object.fromEntries(
  HTTP_COMMAND_TYPES.map((type) => [type, { occurredAt: OCCURRED_AT_FIELD, ...COMMAND_SHAPES[type].fields } as Fields]),
) as Record<HttpCommandType, Fields>;

/** The DTO class of each command's request body, named like its OpenAPI schema (`ClassifyComplaintBody`). */
export const COMMAND_BODY_CLASSES = Object.fromEntries(
  HTTP_COMMAND_TYPES.map((type) => [type, dtoClass(bodyName(type), COMMAND_BODY_FIELDS[type])]),
) as Record<HttpCommandType, DtoClass>;
