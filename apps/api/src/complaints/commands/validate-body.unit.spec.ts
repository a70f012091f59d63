import { COMMAND_BODY_CLASSES } from './command-dto-classes';
import { validateBody } from './validate-body';

const { ReceiveComplaint, ClassifyComplaint, RecordFeedback, WithdrawComplaint, EvaluateComplaint, ProposeSolution } = COMMAND_BODY_CLASSES;

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { statusCode: number; details: { field: string; reason: string } }).details;
  }
  throw new Error('expected a 400');
};

describe('validateBody over the generated command DTO classes', () => {
  it('returns the plain body when valid; a missing body is {}', () => {
    const body = { customerId: 'c', channel: 'web', description: 'd', customer: { name: 'A' } };
    expect(validateBody(ReceiveComplaint, body)).toBe(body);
    expect(validateBody(WithdrawComplaint, undefined)).toEqual({});
  });

  it('names unknown, missing and wrong fields, nested ones with a path', () => {
    expect(problem(() => validateBody(WithdrawComplaint, { reason: 'x', extra: 1 }))).toMatchObject({
      field: 'extra',
      reason: 'is not a known field',
    });
    expect(problem(() => validateBody(ClassifyComplaint, { urgency: 'urgent' }))).toMatchObject({
      field: 'category',
      reason: 'is required',
    });
    expect(problem(() => validateBody(ClassifyComplaint, { category: 'c', urgency: 'now' }))).toMatchObject({
      field: 'urgency',
      reason: 'must be one of: urgent, general, normal',
    });
    expect(
      problem(() => validateBody(ClassifyComplaint, { category: 'c', urgency: 'urgent', rootCause: { code: 'x', why: 1 } })),
    ).toMatchObject({ field: 'rootCause.why', reason: 'is not a known field' });
    expect(problem(() => validateBody(RecordFeedback, { method: 'phone', satisfaction: 2.5, resolved: true }))).toMatchObject({
      field: 'satisfaction',
      reason: 'must be an integer from 1 to 5',
    });
    expect(problem(() => validateBody(RecordFeedback, { method: 'phone', satisfaction: 2, resolved: 'yes' }))).toMatchObject({
      field: 'resolved',
      reason: 'must be a boolean',
    });
    expect(
      problem(() => validateBody(ProposeSolution, { remedy: 'refund', description: 'd', amount: { value: 1, currency: 'eur' } })),
    ).toMatchObject({ field: 'amount.currency' });
    expect(problem(() => validateBody(ProposeSolution, { remedy: 'refund', description: 'd', amount: 'lots' }))).toMatchObject({
      field: 'amount',
      reason: 'must be an object',
    });
    expect(problem(() => validateBody(ReceiveComplaint, [1]))).toEqual({ field: 'body', reason: 'must be a JSON object' });
  });

  it('names the list entry that is wrong', () => {
    const body = { rootCause: { code: 'c', whyChain: ['ok', ' '] } };
    expect(problem(() => validateBody(EvaluateComplaint, body))).toMatchObject({
      field: 'rootCause.whyChain[1]',
      reason: 'must not be empty',
    });
  });

  it('refuses text holding an unpaired surrogate in any field, nested ones too, naming it', () => {
    expect(problem(() => validateBody(WithdrawComplaint, { reason: 'bad \ud800' }))).toMatchObject({
      field: 'reason',
      reason: expect.stringContaining('unpaired surrogate'),
    });
    expect(
      problem(() =>
        validateBody(ReceiveComplaint, { customerId: 'c', channel: 'web', description: 'd', customer: { email: 'a\udfff@b' } }),
      ),
    ).toMatchObject({
      field: 'customer.email',
      reason: expect.stringContaining('unpaired surrogate'),
    });
    expect(problem(() => validateBody(EvaluateComplaint, { rootCause: { code: 'c', whyChain: ['\ud83d'] } }))).toMatchObject({
      field: 'rootCause.whyChain[0]',
    });
    // A surrogate pair is a character like any other.
    expect(validateBody(WithdrawComplaint, { reason: 'fine \ud83d\ude00' })).toEqual({ reason: 'fine \ud83d\ude00' });
  });

  it('refuses a body nested deeper than any command goes, naming where, without overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const p = problem(() => validateBody(COMMAND_BODY_CLASSES.EscalateComplaint, { reason: deep }));
    expect(p).toMatchObject({ reason: expect.stringContaining('nested too deeply') });
    expect((p as { field: string }).field).toMatch(/^reason(\[0\])+$/);
    const nested = { rootCause: { code: 'c', whyChain: ['a'] } };
    expect(validateBody(EvaluateComplaint, nested)).toBe(nested);
  });

  it('states every problem in details.problems', () => {
    const err = (() => {
      try {
        validateBody(ClassifyComplaint, { urgency: 'soon', extra: true });
      } catch (e) {
        return e as { details: { problems: { field: string }[] } };
      }
      throw new Error('expected a 400');
    })();
    expect(err.details.problems.map((p) => p.field).sort()).toEqual(['category', 'extra', 'urgency']);
  });
});
