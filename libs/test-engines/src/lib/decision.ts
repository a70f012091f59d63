/**
 * What to do with a suite that needs an engine (PostgreSQL, Kafka, ...), decided synchronously at
 * `describe` time:
 * - the engine is available (configured by env, or Docker can start it): run;
 * - it is missing and we are in CI (`CI=true`): fail, with a message saying how to provide it.
 *   CI never silently skips engine-backed tests;
 * - it is missing on a developer machine: skip, with the engine named in the suite title.
 */
export type EngineDecision =
  { readonly kind: 'run' } | { readonly kind: 'skip'; readonly title: string } | { readonly kind: 'fail'; readonly message: string };

/** True when running in CI: `CI=true` (also `1`/`TRUE`, as some CI systems spell it). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env['CI'] ?? '').trim().toLowerCase();
  return value === 'true' || value === '1';
}

export function engineDecision(
  engine: string,
  available: boolean,
  suiteTitle: string,
  howToProvide: string,
  env: NodeJS.ProcessEnv = process.env,
): EngineDecision {
  if (available) return { kind: 'run' };
  if (isCi(env)) {
    return {
      kind: 'fail',
      message: `${engine} is required in CI (CI=true) but is not available for "${suiteTitle}": ${howToProvide}`,
    };
  }
  return { kind: 'skip', title: `[skipped: ${engine} not reachable] ${suiteTitle}` };
}
