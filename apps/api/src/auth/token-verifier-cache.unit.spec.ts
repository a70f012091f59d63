import * as jose from 'jose';
import { signToken } from './dev-tokens';
import { TokenVerifier } from './token-verifier';

// jose's own jwtVerify, counted: how often a signature is really checked.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});
const jwtVerify = jose.jwtVerify as jest.MockedFunction<typeof jose.jwtVerify>;

const SECRET = 'cache-secret-cache-secret-cache-secret-1';

describe('TokenVerifier cache of verified tokens', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = Date.now();
    jwtVerify.mockClear();
  });

  it('checks a token once, then trusts it until cacheTtlMs has passed', async () => {
    const verifier = new TokenVerifier({ jwtSecret: SECRET }, { cacheTtlMs: 60_000, now });
    const token = await signToken(SECRET, 'u1', ['agent']);
    for (let i = 0; i < 5; i++) expect(await verifier.verify(token)).toEqual({ subject: 'u1', roles: ['agent'] });
    expect(jwtVerify).toHaveBeenCalledTimes(1);
    clock += 60_001;
    await verifier.verify(token);
    expect(jwtVerify).toHaveBeenCalledTimes(2);
  });

  it('refuses a remembered token once its exp has passed', async () => {
    const verifier = new TokenVerifier({ jwtSecret: SECRET }, { cacheTtlMs: 3_600_000, now });
    const token = await signToken(SECRET, 'u1', ['agent'], 10);
    await verifier.verify(token);
    clock += 11_000;
    await expect(verifier.verify(token)).rejects.toThrow(/exp/);
  });

  it('never remembers a failure: a bad token is refused every time', async () => {
    const verifier = new TokenVerifier({ jwtSecret: SECRET }, { now });
    const forged = await signToken('another-secret-another-secret-another-1', 'u1', ['admin']);
    await expect(verifier.verify(forged)).rejects.toThrow('invalid token');
    await expect(verifier.verify(forged)).rejects.toThrow('invalid token');
    expect(jwtVerify).toHaveBeenCalledTimes(2);
  });

  it('keeps at most cacheSize tokens, dropping the oldest', async () => {
    const verifier = new TokenVerifier({ jwtSecret: SECRET }, { cacheSize: 2, now });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((sub) => signToken(SECRET, sub, ['agent'])));
    for (const token of [a, b, c]) await verifier.verify(token);
    jwtVerify.mockClear();
    await verifier.verify(c);
    await verifier.verify(b);
    expect(jwtVerify).toHaveBeenCalledTimes(0);
    await verifier.verify(a); // the oldest, dropped when c came in
    expect(jwtVerify).toHaveBeenCalledTimes(1);
  });

  it('hands out roles no caller can change for the next request', async () => {
    const verifier = new TokenVerifier({ jwtSecret: SECRET }, { now });
    const token = await signToken(SECRET, 'u1', ['agent']);
    const first = await verifier.verify(token);
    expect(() => (first.roles as string[]).push('admin')).toThrow(TypeError);
    expect((await verifier.verify(token)).roles).toEqual(['agent']);
  });
});
