import { classify, receive, scenario } from '../testing/scenario';
import { CaseSnapshotCache } from './snapshot-cache';

describe('CaseSnapshotCache', () => {
  const older = scenario().given(receive).state;
  const newer = scenario().given(receive, classify).state;

  it('returns the state stored for a case, with its revision', () => {
    const cache = new CaseSnapshotCache();
    cache.set('a', newer);
    expect(cache.get('a')?.context.revision).toBe(1);
    expect(cache.get('b')).toBeUndefined();
  });

  it('never moves a case backwards', () => {
    const cache = new CaseSnapshotCache();
    cache.set('a', newer);
    cache.set('a', older);
    expect(cache.get('a')).toBe(newer);
  });

  it('drops the least recently used case past its size', () => {
    const cache = new CaseSnapshotCache(2);
    cache.set('a', older);
    cache.set('b', older);
    cache.get('a');
    cache.set('c', older);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(older);
    expect(cache.size).toBe(2);
  });

  it('does not serve a state built by another machine version', () => {
    const cache = new CaseSnapshotCache(10, 1);
    cache.set('a', newer);
    (cache as unknown as { machineVersion: number }).machineVersion = 2;
    expect(cache.get('a')).toBeUndefined();
  });
});
