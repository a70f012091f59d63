// No personal data on the topic: cases with a unique canary in every personal field (the fields
// are enumerated from the contract's classification, not listed here) and in the actor; every
// byte of the topic (keys, values, headers) is read with a raw client and holds none of them.
import { exampleObject, type Field, type Fields } from '@complaint-ledger/complaint-contract';
import { COMMAND_SHAPES, type ComplaintCommandType } from '@complaint-ledger/complaint-domain';
import { describeWithKafka, describeWithPostgres, uniqueName } from '@complaint-ledger/test-engines';
import { assertBuilt, killAll, openWriter, readTopic, setting, startRelay, type Writer } from './e2e/relay-harness';

const canaries: string[] = [];
const canary = (where: string) => {
  const value = `canary-${where}-${uniqueName('x', 20)}`;
  canaries.push(value);
  return value;
};

/** A value for every personal field of `fields` (nested ones too): a canary for text, the example otherwise. */
function withCanaries(prefix: string, fields: Fields, base: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [name, f] of Object.entries(fields)) {
    const path = `${prefix}${name}`;
    if (f.personal) out[name] = personalValue(path, f);
    else if (f.spec.kind === 'object')
      out[name] = withCanaries(`${path}.`, f.spec.fields, (out[name] as Record<string, unknown>) ?? exampleObject(f.spec.fields));
  }
  return out;
}
function personalValue(path: string, f: Field): unknown {
  const spec = f.spec;
  if (spec.kind === 'text') return canary(path);
  if (spec.kind === 'pattern') return `${canary(path)}@example.com`;
  if (spec.kind === 'list') return [personalValue(`${path}[0]`, spec.item)];
  if (spec.kind === 'object')
    return Object.fromEntries(
      Object.entries(spec.fields).map(([n, sub]) => [n, personalValue(`${path}.${n}`, { ...sub, personal: true })]),
    );
  throw new Error(`no canary for a personal ${spec.kind} field at ${path}`);
}

/** The command's body: its required fields' examples, every personal field a canary. */
const body = (type: ComplaintCommandType, extra: Record<string, unknown> = {}) =>
  withCanaries(`${type}.`, COMMAND_SHAPES[type].fields, { ...exampleObject(COMMAND_SHAPES[type].fields), ...extra });

async function run(writer: Writer, actor: string): Promise<void> {
  const ctx = { subject: actor, correlationId: uniqueName('corr'), causationId: uniqueName('cause'), route: 'POST /complaints' };
  const exec = (id: string, type: Exclude<ComplaintCommandType, 'ReceiveComplaint'>, extra: Record<string, unknown> = {}) =>
    writer.commands.execute({ ...body(type, extra), type, complaintId: id } as Parameters<Writer['commands']['execute']>[0], ctx);
  // One case through every step, unsatisfied once (its comment becomes the reopen's reason), and one withdrawn.
  const { id } = await writer.commands.create(
    body('ReceiveComplaint', { channel: 'web' }) as Parameters<Writer['commands']['create']>[0],
    ctx,
  );
  await exec(id, 'AcknowledgeComplaint');
  await exec(id, 'ClassifyComplaint', { urgency: 'general' });
  await exec(id, 'AssignComplaint');
  await exec(id, 'EscalateComplaint');
  await exec(id, 'ProposeSolution', { remedy: 'refund', amount: { value: 5, currency: 'EUR' } });
  await exec(id, 'RejectSolution');
  await exec(id, 'ProposeSolution', { remedy: 'refund' });
  await exec(id, 'AcceptSolution');
  await exec(id, 'RecordImplementationProgress');
  await exec(id, 'CompleteImplementation');
  await exec(id, 'RecordFeedback', { satisfaction: 1, resolved: false });
  await exec(id, 'ProposeSolution', { remedy: 'apology' });
  await exec(id, 'AcceptSolution');
  await exec(id, 'CompleteImplementation');
  await exec(id, 'RecordFeedback', { satisfaction: 5, resolved: true });
  await exec(id, 'EvaluateComplaint');
  await exec(id, 'ReopenComplaint');
  const other = await writer.commands.create(
    body('ReceiveComplaint', { channel: 'phone' }) as Parameters<Writer['commands']['create']>[0],
    ctx,
  );
  await exec(other.id, 'WithdrawComplaint');
}

describeWithPostgres('relay privacy', (getUrl) => {
  describeWithKafka('canaries on the real broker', (getBrokers) => {
    beforeAll(() => assertBuilt());
    afterAll(() => killAll());

    it('no canary of any personal field, nor the actor, is in any byte of the topic; each was recorded in the store', async () => {
      const s = setting(getUrl(), getBrokers(), 3);
      const writer = await openWriter(s);
      const relay = await startRelay(s);
      try {
        await run(writer, canary('actor'));
        const stored = await writer.store.readAll({ maxCount: 10_000 });
        const storedText = JSON.stringify(stored);
        // The canaries were really recorded (so their absence from the topic means something).
        for (const c of canaries) expect({ canary: c, inStore: storedText.includes(c) }).toEqual({ canary: c, inStore: true });
        const records = await readTopic(s, new Set(stored.map((e) => e.id)));
        const bytes = Buffer.concat(
          records.flatMap((r) => [
            r.key ?? Buffer.alloc(0),
            r.value ?? Buffer.alloc(0),
            ...Object.entries(r.headers).flatMap(([k, v]) => [Buffer.from(k), v]),
          ]),
        );
        const onTopic = canaries.filter((c) => bytes.includes(Buffer.from(c)));
        expect(onTopic).toEqual([]);
        expect(canaries.length).toBeGreaterThan(15);
        expect(records.length).toBe(stored.length);
      } finally {
        relay.child.kill('SIGTERM');
        await relay.exit;
        await writer.close();
      }
    }, 120_000);
  });
});
