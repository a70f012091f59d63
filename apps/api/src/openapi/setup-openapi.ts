import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

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
    .build();
  return SwaggerModule.createDocument(app, config);
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
