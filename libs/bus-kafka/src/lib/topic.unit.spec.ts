import { TopicMismatchError } from './topic';

describe('TopicMismatchError', () => {
  it('says what is wrong and both ways to fix it', () => {
    const e = new TopicMismatchError('complaints.events.v1', 12, 6);
    expect(e.message).toMatch(/complaints.events.v1 has 6 partitions but 12 are configured/);
    expect(e.message).toMatch(/KAFKA_TOPIC_PARTITIONS=6 or use another COMPLAINTS_TOPIC/);
  });
});
