import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadProfiles } from '../../src/profiles/connections';
import type { ProfileDefinition } from '../../src/profiles/sharedConfig';

/** The profiles listed from config and credentials files with this text (a file left out is absent). */
export async function profilesOf(files: { config?: string; credentials?: string }): Promise<ProfileDefinition[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 's3b-shared-config-'));
  try {
    const paths = { config: path.join(dir, 'config'), credentials: path.join(dir, 'credentials') };
    for (const [name, text] of Object.entries(files)) {
      await fs.writeFile(paths[name as keyof typeof paths], text ?? '');
    }
    return await loadProfiles(paths);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
