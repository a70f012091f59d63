// docs/api.md's table of commands, generated from the routes and the command shapes (the same
// ones the DTO classes and the OpenAPI document come from).
import { COMMAND_SHAPES } from '@complaint-ledger/complaint-domain';
import { type Field, type Fields } from '@complaint-ledger/complaint-contract';
import { COMMAND_ROUTES, commandRoutePattern, HTTP_COMMAND_TYPES } from '../complaints/commands/command-routes';

export const COMMANDS_TABLE_START =
  '<!-- commands:start (generated from COMMAND_SHAPES and COMMAND_ROUTES by `npm run api:client`: edit the code, not this table) -->';
export const COMMANDS_TABLE_END = '<!-- commands:end -->';

function describeField(name: string, f: Field): string {
  const spec = f.spec;
  const mark = f.required ? '' : '?';
  const head = `\`${name}${mark}\``;
  switch (spec.kind) {
    case 'enum':
      return `${head} (${spec.values.map((v) => `\`${v}\``).join(' ')})`;
    case 'integer':
      return `${head} (integer ${spec.minimum}${spec.maximum === undefined ? '+' : `–${spec.maximum}`})`;
    case 'number':
      return `${head} (number >= ${spec.minimum})`;
    case 'boolean':
      return `${head} (boolean)`;
    case 'instant':
      return `${head} (ISO 8601 date-time)`;
    case 'pattern':
      return `${head} (e.g. \`${spec.example}\`)`;
    case 'list':
      return `${head} (list of at most ${spec.maxItems})`;
    case 'object':
      return `${head} {${describeFields(spec.fields)}}`;
    case 'text':
      return head;
  }
}

const describeFields = (fields: Fields) =>
  Object.entries(fields)
    .map(([name, f]) => describeField(name, f))
    .join(', ') || '—';

/** The markdown table, between its markers. */
export function commandsTable(): string {
  const rows = HTTP_COMMAND_TYPES.map((type) => {
    const shape = COMMAND_SHAPES[type];
    const roles = COMMAND_ROUTES[type].roles.join(', ');
    return `| \`POST ${commandRoutePattern(type)}\` | ${shape.summary} | ${describeFields(shape.fields)} | ${shape.records.join(' (+ ') + ')'.repeat(shape.records.length - 1)} | ${roles} |`;
  });
  return [
    COMMANDS_TABLE_START,
    '| route | what it does | body (`?` = optional) | records | roles |',
    '|---|---|---|---|---|',
    ...rows,
    COMMANDS_TABLE_END,
  ].join('\n');
}

/** The page with its table replaced by the current one. */
export function withCommandsTable(page: string): string {
  const start = page.indexOf(COMMANDS_TABLE_START.slice(0, '<!-- commands:start'.length));
  const end = page.indexOf(COMMANDS_TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/api.md has no commands table markers');
  return page.slice(0, start) + commandsTable() + page.slice(end + COMMANDS_TABLE_END.length);
}
