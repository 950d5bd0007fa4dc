/**
 * The ids an import gives what it creates, derived from what the row says rather than drawn at
 * random: the same task in the same list gets the same id every time, so importing a file again
 * finds its tasks and creates nothing, and two imports of it at once collide on the stream
 * instead of creating it twice.
 */
import { createHash } from 'node:crypto';
import { foldText } from '@chidao/domain';

/** A UUID-shaped id (version 5 style, from SHA-256) of the given parts. */
function derivedId(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A document as the body registers it: its number's stream names it. */
export const importedDirectiveId = (documentStream: string): string =>
  derivedId('chidao-import-directive', documentStream);

/**
 * A task of a body's list: the document it comes from, its title (accents, case and spacing
 * aside) and its lead agency. A list that gives the same task to two agencies has two tasks.
 */
export const importedTaskId = (
  body: string,
  documentStream: string,
  title: string,
  leadAgency: string,
): string => derivedId('chidao-import-task', body, documentStream, foldText(title), leadAgency);
