import type { CommandContext } from '../commandContext';
import { changeAccess } from './changeAccess';

/** `s3Browser.makePrivate`: the canned ACL private (only the owner), on objects, folders and selections. */
export function makePrivate(context: CommandContext, target: unknown, selection: unknown): Promise<void> {
  return changeAccess(context, target, selection, 'private');
}
