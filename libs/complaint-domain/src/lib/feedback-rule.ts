/** The business rule: feedback is unsatisfied when the problem is not resolved or satisfaction <= 2. */
export function feedbackOutcome(f: { resolved: boolean; satisfaction: number }): 'satisfied' | 'unsatisfied' {
  return f.resolved && f.satisfaction > 2 ? 'satisfied' : 'unsatisfied';
}
