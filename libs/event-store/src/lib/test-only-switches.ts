// Test-only switches: environment variables that turn a protection OFF so a test can show the
// failure the protection prevents. No protection can be switched off in production: every switch
// is listed here, parsed by one pure function, and honoured only with NODE_ENV=test. Anything
// else (an unknown value, or a valid value without NODE_ENV=test) is an error the caller must
// refuse to start on, never a silent fall-back to the safe path.
//
// It lives in the port library because every project that reads a switch (the API, the adapters'
// and the projection's integration tests, the conformance kit) may import a `type:port` library.
//
// Read NODE_ENV from the env object handed in, never as `process.env.NODE_ENV`: webpack's
// `optimization.nodeEnv` would replace that expression in the built API at build time.

export interface TestOnlySwitchSpec {
  /** Which code reads it (one line, for the docs). */
  readonly readBy: string;
  /** Allowed values, each with what it switches off (one line). */
  readonly values: Readonly<Record<string, string>>;
}

/** Every test-only switch. docs/operations/running.md lists them from here (a unit test keeps it current). */
export const TEST_ONLY_SWITCHES = {
  COMMANDS_UNSAFE: {
    readBy: 'the API, through its configuration (a bad value: exit 1 at start-up)',
    values: {
      'any-revision': 'commands append without the expected revision: concurrent commands on one complaint can lose updates',
    },
  },
  EVENT_STORE_UNSAFE: {
    readBy: 'event-store integration tests (PostgreSQL, PGlite, conformance kit)',
    values: {
      race: 'PostgreSQL: no append lock, no batching and the unique (stream, revision) constraint dropped',
      'no-append-lock': 'PostgreSQL: no advisory lock in append_events: a catch-up reader can skip a late-committed event',
      'no-listen': 'PostgreSQL: no LISTEN: subscriptions are not woken by appends from another process',
      'generic-plans': 'PostgreSQL: the append function may cache a sequential-scan plan (enable_seqscan reset)',
      checkpoint: 'durability case: the reader keeps its checkpoint apart from its writes (duplicate deliveries)',
      volatile: "PGlite durability case: data in memory ('memory://'): acknowledged events are lost on a kill",
    },
  },
  CASE_LIST_UNSAFE: {
    readBy: 'case-list-projection integration tests and their runner child process',
    values: {
      'split-commit': 'rows and checkpoint committed in two transactions 300 ms apart, no revision guard: a kill applies a batch twice',
    },
  },
  RELAY_UNSAFE: {
    readBy: 'the API and apps/relay, through their configuration (the relay crash test switches it on)',
    values: {
      'checkpoint-first': 'the relay moves its checkpoint before the broker acknowledged: a kill in between loses events',
    },
  },
  LEASE_UNSAFE: {
    readBy: 'sql-kit integration tests (the leader lease), and the API and apps/relay through their configuration',
    values: {
      'no-lock': 'the PostgreSQL lease is granted without its advisory lock: every process leads at once',
    },
  },
} as const satisfies Record<string, TestOnlySwitchSpec>;

export type TestOnlySwitchName = keyof typeof TEST_ONLY_SWITCHES;
export type TestOnlySwitchValue<N extends TestOnlySwitchName> = keyof (typeof TEST_ONLY_SWITCHES)[N]['values'] & string;

/** `value` undefined: the switch is off (unset or empty). */
export type TestOnlySwitchResult<N extends TestOnlySwitchName> =
  { ok: true; value: TestOnlySwitchValue<N> | undefined } | { ok: false; variable: N; message: string };

/** Quote a user-supplied value for an error message, bounded so a huge value cannot flood logs. */
function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/**
 * Parse one switch from `env` (pure). Unset, empty or blank: off. A value not in the allowed set,
 * or an allowed value while NODE_ENV is not `test`: an error (`variable` + `message`, shaped like
 * the API's configuration problems).
 */
export function parseTestOnlySwitch<N extends TestOnlySwitchName>(
  name: N,
  env: Readonly<Record<string, string | undefined>>,
): TestOnlySwitchResult<N> {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return { ok: true, value: undefined };
  const allowed = Object.keys(TEST_ONLY_SWITCHES[name].values);
  if (!allowed.includes(raw)) {
    return { ok: false, variable: name, message: `must be unset or one of ${allowed.join(', ')}, got ${show(raw)}` };
  }
  const nodeEnv = env['NODE_ENV'];
  if (nodeEnv !== 'test') {
    const got = nodeEnv === undefined ? 'NODE_ENV is unset' : `NODE_ENV=${show(nodeEnv)}`;
    return { ok: false, variable: name, message: `is a test-only switch; it is honoured only with NODE_ENV=test (${got})` };
  }
  return { ok: true, value: raw as TestOnlySwitchValue<N> };
}

/** {@link parseTestOnlySwitch} for tests and test helpers: the value (undefined when off), or throws. */
export function testOnlySwitch<N extends TestOnlySwitchName>(
  name: N,
  env: Readonly<Record<string, string | undefined>>,
): TestOnlySwitchValue<N> | undefined {
  const result = parseTestOnlySwitch(name, env);
  if (!result.ok) throw new Error(`${result.variable} ${result.message}`);
  return result.value;
}

/** The Markdown table of every switch, for docs/operations/running.md. */
export function testOnlySwitchesTable(): string {
  const rows = Object.entries(TEST_ONLY_SWITCHES as Record<string, TestOnlySwitchSpec>).flatMap(([name, spec]) =>
    Object.entries(spec.values).map(([value, meaning], i) =>
      i === 0 ? `| \`${name}\` | ${spec.readBy} | \`${value}\` | ${meaning} |` : `| | | \`${value}\` | ${meaning} |`,
    ),
  );
  return ['| Variable | Read by | Value | What it switches off |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
