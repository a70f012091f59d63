import { assertValidStreamName } from './validation';

/** One stream per complaint case: `complaint-<id>`. */
export function complaintStreamName(complaintId: string): string {
  const name = `complaint-${complaintId}`;
  assertValidStreamName(name);
  return name;
}
