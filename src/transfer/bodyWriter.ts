// Writes an object's body into a file, for whole downloads, ranged ones and rewrites alike: chunks are
// gathered and written 1 MiB at a time at their offset (fewer, larger writes than the socket's
// 16–64 KiB chunks). The file is open from before the first byte until after the last write (the
// ranged download holds its handle, writeWholeBody its own), so a clean-up after a failure finds it.
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { ObjectStream } from '../s3/types';
import { formatCount } from '../ui/format';
import { l10n } from '../l10n';

const WRITE_BYTES = 1024 * 1024;

export function incompleteDownload(received: number, expected: number): Error {
  return new Error(l10n.t('Received {0} bytes of {1}: the download is incomplete, so it was not saved.', formatCount(received), formatCount(expected)));
}

/**
 * Writes `stream`'s body into `handle` from `start` on and returns how many bytes it wrote. A cancel
 * (`signal`) or a failure releases the connection and throws.
 */
export async function writeBody(handle: FileHandle, stream: ObjectStream, start: number, signal: AbortSignal, addBytes: (bytes: number) => void): Promise<number> {
  let position = start;
  let gathered: Uint8Array[] = [];
  let gatheredBytes = 0;
  const flush = async () => {
    let { bytesWritten } = await handle.writev(gathered, position);
    // A regular file takes the whole write, but the contract allows less: the rest goes after it.
    while (bytesWritten < gatheredBytes) {
      const rest = Buffer.concat(gathered, gatheredBytes).subarray(bytesWritten);
      bytesWritten += (await handle.write(rest, 0, rest.byteLength, position + bytesWritten)).bytesWritten;
    }
    position += gatheredBytes;
    gathered = [];
    gatheredBytes = 0;
  };
  // A body that stalls must not hold a cancel up: releasing it ends the loop below.
  const release = () => stream.discard();
  signal.addEventListener('abort', release, { once: true });
  try {
    signal.throwIfAborted();
    for await (const chunk of stream.body) {
      gathered.push(chunk);
      gatheredBytes += chunk.byteLength;
      addBytes(chunk.byteLength);
      if (gatheredBytes >= WRITE_BYTES) {
        await flush();
      }
    }
    await flush();
    signal.throwIfAborted();
  } catch (error) {
    stream.discard();
    signal.throwIfAborted();
    throw error;
  } finally {
    signal.removeEventListener('abort', release);
  }
  return position - start;
}

/**
 * Writes the whole of `stream`'s body into `file` (created, must not exist), and fails unless every
 * byte the response announced arrived. The file is open before the first byte and closed before this
 * returns or throws, so the caller's clean-up always finds it.
 */
export async function writeWholeBody(file: string, stream: ObjectStream, signal: AbortSignal, addBytes: (bytes: number) => void): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    stream.discard();
    throw error;
  }
  try {
    const written = await writeBody(handle, stream, 0, signal, addBytes);
    if (written !== stream.size) {
      throw incompleteDownload(written, stream.size);
    }
  } finally {
    await handle.close();
  }
}
