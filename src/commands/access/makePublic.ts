import type { CommandContext } from '../commandContext';
import { changeAccess } from './changeAccess';

/** `s3Browser.makePublic`: the canned ACL public-read, after a modal that names what becomes public. */
export function makePublic(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  return changeAccess(context, target, selection, 'public-read');
}
