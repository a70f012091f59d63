// The one rule for naming a case's stream in the event store.
export const COMPLAINT_STREAM_PREFIX = 'complaint-';

/** One stream per complaint case: `complaint-<id>`. */
export const complaintStreamName = (complaintId: string): string => `${COMPLAINT_STREAM_PREFIX}${complaintId}`;

/** The case a stream holds, or null for a stream of another kind. */
export function complaintIdOfStream(stream: string): string | null {
  return stream.startsWith(COMPLAINT_STREAM_PREFIX) && stream.length > COMPLAINT_STREAM_PREFIX.length
    ? stream.slice(COMPLAINT_STREAM_PREFIX.length)
    : null;
}
