// Fastify's types, reached through @nestjs/platform-fastify: `fastify` itself is only a
// transitive dependency, and the module-boundary lint rule bans importing those.
import type { FastifyAdapter } from '@nestjs/platform-fastify';

type AdapterParts =
  FastifyAdapter extends FastifyAdapter<infer Server, infer RawRequest, infer RawReply, infer Request, infer Reply, infer Instance>
    ? { server: Server; rawRequest: RawRequest; rawReply: RawReply; request: Request; reply: Reply; instance: Instance }
    : never;

export type FastifyInstance = AdapterParts['instance'];
export type FastifyRequest = AdapterParts['request'];
export type FastifyReply = AdapterParts['reply'];
export type FastifyBaseLogger = FastifyInstance['log'];
