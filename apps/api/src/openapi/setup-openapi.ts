import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { isPublicPath } from '../auth/roles';
import { commandSchemas } from './command-schemas';

export const OPENAPI_JSON_PATH = 'openapi.json';
export const SWAGGER_UI_PATH = 'docs';

/** The OpenAPI document of the app's routes (from the controllers' and DTOs' decorators). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Complaint Ledger API')
    .setDescription(
      'Commands (POST, 201 { id, revision, state }) and queries over event-sourced complaint cases. ' +
        'Authorization: Bearer <JWT> with a `roles` claim; /health, /metrics, /docs and /openapi.json are public. ' +
        'Errors are { statusCode, error, message, details }.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addServer('/', 'The server that serves this document')
    .setLicense('Proprietary', 'https://example.invalid/complaint-ledger/license')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...commandSchemas() } };
  // Bearer tokens everywhere except the public paths, decided by the same rule as the request gate.
  document.security = [{ bearer: [] }];
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!isPublicPath(path)) continue;
    for (const operation of Object.values(operations))
      if (typeof operation === 'object' && operation && 'responses' in operation) operation.security = [];
  }
  dropReferenceSiblings(document);
  assertReferencesResolve(document);
  return document;
}

/** OpenAPI 3.0 ignores keys beside a `$ref`; Nest adds `type` beside one for properties typed by an alias. */
function dropReferenceSiblings(node: unknown): void {
  if (Array.isArray(node)) node.forEach(dropReferenceSiblings);
  else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record['$ref'] === 'string') for (const key of Object.keys(record)) if (key !== '$ref') delete record[key];
    Object.values(record).forEach(dropReferenceSiblings);
  }
}

/**
 * Every `$ref` in the document must name something in it: a dangling reference (such as a bare
 * `#/components/schemas/`) breaks generated clients, so the app refuses to start with one.
 */
export function assertReferencesResolve(document: OpenAPIObject): void {
  const broken: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((v, i) => visit(v, `${path}/${i}`));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && (typeof value !== 'string' || resolvePointer(document, value) === undefined))
          broken.push(`${path}: ${String(value)}`);
        else visit(value, `${path}/${key}`);
      }
    }
  };
  visit(document, '#');
  if (broken.length > 0) throw new Error(`OpenAPI document has unresolvable references:\n  ${broken.join('\n  ')}`);
}

function resolvePointer(document: OpenAPIObject, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (key === '' || node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Serves the document at GET /openapi.json and Swagger UI at /docs. Call after NestFactory.create
 * and before listen()/init(). `ui: false` serves only the JSON. The UI's assets come from the swagger-ui-dist package through
 * @fastify/static, so /docs works offline (no CDN).
 */
export function setupOpenApi(app: INestApplication, options: { ui?: boolean } = {}): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(SWAGGER_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    // `ui: false` only for Jest on Node 20: @fastify/static 10 requires an ES-module-only
    // dependency (content-disposition 3), which Node 20.19+ loads but Jest's runtime cannot.
    ui: options.ui ?? true,
    customSiteTitle: 'Complaint Ledger API',
  });
  return document;
}
