import { FastifyAdapter } from '@nestjs/platform-fastify';
import { installJsonParser } from './request-gate';

describe('JSON body parser', () => {
  const app = new FastifyAdapter().getInstance();
  installJsonParser(app, 1_048_576);
  app.post('/echo', async (request) => ({ body: request.body ?? null }));
  afterAll(() => app.close());
  const post = (payload: string) => app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload });

  it('parses ordinary bodies, and an empty one as no body', async () => {
    expect((await post('{"a":[1,{"b":"ü"}]}')).json()).toEqual({ body: { a: [1, { b: 'ü' }] } });
    expect((await post('')).json()).toEqual({ body: null });
  });

  it.each([
    ['__proto__', '{"x":{"__proto__":{"admin":true}}}'],
    ['constructor', '{"constructor":{"prototype":{}}}'],
    ['a key spelled with \\u escapes', '{"\\u005f_proto__":{"admin":true}}'],
  ])('refuses %s with 400', async (_what, payload) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/is not allowed/);
  });

  it('still accepts those words as values, and \\u escapes in values', async () => {
    expect((await post('{"note":"constructor of __proto__ \\u00e9"}')).json()).toEqual({ body: { note: 'constructor of __proto__ é' } });
  });
});
