import { decisionCodes, decisionInWords, decisionVocabulary, type DecisionShown } from '../../../shared/domain/decisionWords';

/** A decision in one line of text, words first, codes after: "Orientation cabinet de ville (ORIENT CABINET R3)". */
export function formatDecision(decision: DecisionShown, language: string): string {
  return `${decisionInWords(decision, decisionVocabulary(language))} (${decisionCodes(decision)})`;
}
