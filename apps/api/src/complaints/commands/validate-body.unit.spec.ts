import { ClassifyDto, CreateComplaintDto, FeedbackDto, WithdrawDto } from './command.dtos';
import { validateBody } from './validate-body';

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { statusCode: number; details: { field: string; reason: string } }).details;
  }
  throw new Error('expected a 400');
};

describe('validateBody', () => {
  it('returns the plain body when valid; a missing body is {}', () => {
    const body = { customerId: 'c', channel: 'web', description: 'd', customer: { name: 'A' } };
    expect(validateBody(CreateComplaintDto, body)).toBe(body);
    expect(validateBody(WithdrawDto, undefined)).toEqual({});
  });

  it('names unknown, missing and wrong fields, nested ones with a path', () => {
    expect(problem(() => validateBody(WithdrawDto, { reason: 'x', extra: 1 }))).toMatchObject({ field: 'extra', reason: 'is not a known field' });
    expect(problem(() => validateBody(ClassifyDto, { urgency: 'urgent' }))).toMatchObject({ field: 'category', reason: 'is required' });
    expect(problem(() => validateBody(ClassifyDto, { category: 'c', urgency: 'now' }))).toMatchObject({ field: 'urgency' });
    expect(problem(() => validateBody(ClassifyDto, { category: 'c', urgency: 'urgent', rootCause: { code: 'x', why: 1 } }))).toMatchObject({ field: 'rootCause.why' });
    expect(problem(() => validateBody(FeedbackDto, { method: 'phone', satisfaction: 2.5, resolved: true }))).toMatchObject({ field: 'satisfaction' });
    expect(problem(() => validateBody(FeedbackDto, { method: 'phone', satisfaction: 2, resolved: 'yes' }))).toMatchObject({ field: 'resolved' });
    expect(problem(() => validateBody(CreateComplaintDto, [1]))).toEqual({ field: 'body', reason: 'must be a JSON object' });
  });
});
