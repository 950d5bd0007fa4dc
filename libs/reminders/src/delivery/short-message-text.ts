/**
 * The text of a short message. Vietnamese with diacritics goes as UCS-2, 70 characters a part
 * (67 when split): 320 characters are five parts at most, enough for a digest's first tasks,
 * and the full list is in the app. Longer texts are cut at a word with "…".
 */
export const DEFAULT_SMS_MAX_LENGTH = 320;

export function shortMessageText(text: string, maxLength = DEFAULT_SMS_MAX_LENGTH): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ').trim();
  // Code points, so a cut never splits a surrogate pair.
  const characters = [...oneLine];
  if (characters.length <= maxLength) return oneLine;
  const head = characters.slice(0, maxLength - 1).join('');
  const atWord = head.replace(/\s+\S*$/, '');
  // Cut at the last space unless that drops more than a fifth of the message.
  const cut = [...atWord].length >= maxLength * 0.8 ? atWord : head;
  return `${cut.trimEnd()}…`;
}
