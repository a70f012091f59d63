import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import { signToken } from './dev-tokens';
import { RateLimiter } from './rate-limiter';
import { isPublicPath, mayCall } from './roles';
import { TokenVerifier, bearerToken } from './token-verifier';

const SECRET = 'unit-secret-unit-secret-unit-secret-123';

describe('TokenVerifier (HS256)', () => {
  const verifier = new TokenVerifier({ jwtSecret: SECRET });

  it('returns sub and roles', async () => {
    expect(await verifier.verify(await signToken(SECRET, 'u1', ['agent', 'supervisor']))).toEqual({
      subject: 'u1',
      roles: ['agent', 'supervisor'],
    });
  });

  it('refuses another secret, an expired token and a token without sub', async () => {
    await expect(verifier.verify(await signToken('x'.repeat(40), 'u1', ['agent']))).rejects.toThrow('invalid token');
    await expect(verifier.verify(await signToken(SECRET, 'u1', ['agent'], -10))).rejects.toThrow(/exp/);
    await expect(verifier.verify('a.b.c')).rejects.toThrow('invalid token');
  });
});

describe('TokenVerifier (JWKS)', () => {
  let server: Server;
  let url: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const sign = (claims: object, issuer = 'idp') =>
    new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('u2')
      .setIssuer(issuer)
      .setExpirationTime('5m')
      .sign(privateKey);

  it('verifies against the key set and checks the issuer', async () => {
    const verifier = new TokenVerifier({ jwksUrl: url, issuer: 'idp' });
    expect(await verifier.verify(await sign({ roles: ['auditor'] }))).toEqual({ subject: 'u2', roles: ['auditor'] });
    await expect(verifier.verify(await sign({ roles: ['auditor'] }, 'other'))).rejects.toThrow(/iss/);
    // An HS256 token (a secret-signed forgery) is refused in JWKS mode.
    await expect(verifier.verify(await signToken(SECRET, 'u2', ['admin']))).rejects.toThrow('invalid token');
    await expect(verifier.verify(await sign({ roles: 'admin' }))).rejects.toThrow('roles');
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['Basic abc', undefined],
    [undefined, undefined],
    ['Bearer a b', undefined],
  ])('%j -> %j', (header, token) => expect(bearerToken(header)).toBe(token));
});

describe('roles', () => {
  it('lets admins call anything, others only their routes', () => {
    expect(mayCall(['admin'], 'POST', '/complaints/:id/evaluate')).toBe(true);
    expect(mayCall(['admin'], 'DELETE', '/anything')).toBe(true);
    expect(mayCall(['agent'], 'POST', '/complaints/:id/evaluate')).toBe(false);
    expect(mayCall(['agent', 'supervisor'], 'POST', '/complaints/:id/evaluate')).toBe(true);
    expect(mayCall(['auditor'], 'GET', '/complaints/:id')).toBe(true);
    expect(mayCall(['analyst'], 'GET', '/complaints/:id')).toBe(false);
    expect(mayCall([], 'POST', '/complaints')).toBe(false);
  });

  it('knows the public paths', () => {
    expect(['/health', '/metrics', '/openapi.json', '/docs', '/docs/static/index.html'].every(isPublicPath)).toBe(true);
    expect(['/complaints', '/docsx', '/healthz'].some(isPublicPath)).toBe(false);
  });
});

describe('RateLimiter', () => {
  it('allows max requests per window and subject, then limits until the window ends', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1_000, () => now);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('b')].map((r) => r.limited)).toEqual([false, false, false]);
    expect(limiter.hit('a')).toEqual({ limited: true, retryAfterSeconds: 1 });
    now = 1_000;
    expect(limiter.hit('a').limited).toBe(false);
  });

  it('is off with max 0', () => {
    const limiter = new RateLimiter(0, 1_000);
    for (let i = 0; i < 100; i++) expect(limiter.hit('a').limited).toBe(false);
  });
});
