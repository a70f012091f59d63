import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateMachinePage } from './state-diagram';

const docs = join(__dirname, '..', '..', '..', '..', 'docs', 'domain');
const stale = 'is stale: run `npm run docs:domain` and commit the result';

describe('generated docs match the code', () => {
  it(`docs/domain/state-machine.md ${stale}`, () => {
    expect(readFileSync(join(docs, 'state-machine.md'), 'utf8')).toBe(stateMachinePage());
  });
  it('the diagram shows every transition, guards included', () => {
    const page = stateMachinePage();
    expect(page).toContain('solutionProposed --> implementing : SolutionAccepted [isCurrentSolution]');
    expect(page).toContain('awaitingFeedback --> classified : ComplaintReopened [reopenAfterUnsatisfiedFeedback]');
    expect(page).toContain('open --> withdrawn : ComplaintWithdrawn');
    expect(page).toContain('open --> closed : ComplaintClosed [evaluated] from evaluating');
    expect(page).toContain('closed --> open : ComplaintReopened [reopenOnRequest] → classified');
  });
});
