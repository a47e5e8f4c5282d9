import { useTranslation } from 'react-i18next';
import { decisionCodes, decisionInWords, decisionVocabulary, type DecisionShown } from '../../../shared/domain/decisionWords';

/**
 * A decision as read on screen: its words, then its codes in small type for the regulator who
 * thinks in codes. `prefix` goes before the words (a translated "Décision en vigueur :").
 */
export function DecisionName({ decision, prefix }: { decision: DecisionShown; prefix?: (words: string) => string }) {
  const { i18n } = useTranslation();
  const words = decisionInWords(decision, decisionVocabulary(i18n.language));
  return (
    <>
      <span className="decision-words">{prefix ? prefix(words) : words}</span> <small className="decision-codes">{decisionCodes(decision)}</small>
    </>
  );
}
