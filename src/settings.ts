import * as vscode from 'vscode';
import { configuredPartSizeBytes } from './s3/partSize';

const SECTION = 's3Browser';
const MEGABYTE = 1024 * 1024;

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/**
 * The user's own (application-scope) value of a security-relevant setting: never one a workspace's
 * `.vscode/settings.json` supplies, which could redirect stored secrets or lift read-only.
 */
function userValue<T>(name: string, fallback: T): T {
  return section().inspect<T>(name)?.globalValue ?? fallback;
}

/** Every `s3Browser.*` setting, read in one place with the defaults `package.json` declares. */
export const settings = {
  pageSize(): number {
    return Math.min(1000, Math.max(1, Math.floor(section().get<number>('pageSize', 1000))));
  },
  readOnlyConnections(): string[] {
    return userValue<string[]>('readOnlyConnections', []);
  },
  /** Raw entries; `CustomEndpointStore` validates them. */
  endpoints(): unknown[] {
    return userValue<unknown[]>('endpoints', []);
  },
  openWarnAboveBytes(): number {
    return section().get<number>('openWarnAboveMB', 10) * MEGABYTE;
  },
  openRefuseAboveBytes(): number {
    return section().get<number>('openRefuseAboveMB', 200) * MEGABYTE;
  },
  /** Glob patterns Sync leaves out on both sides (`.git/` and `node_modules/` unless changed). */
  syncExclude(): string[] {
    const patterns = section().get<unknown>('sync.exclude', ['.git/', 'node_modules/']);
    return Array.isArray(patterns) ? patterns.filter((pattern): pattern is string => typeof pattern === 'string') : [];
  },
  transferConcurrency(): number {
    return Math.min(64, Math.max(1, Math.floor(section().get<number>('transferConcurrency', 32))));
  },
  copyKeepsAccessAndEncryption(): boolean {
    return section().get<boolean>('copy.keepAccessAndEncryption', false);
  },
  multipartPartSizeBytes(): number {
    return configuredPartSizeBytes(section().get<number>('multipartPartSizeMB', 8));
  },
  multipartQueueSize(): number {
    return Math.min(16, Math.max(1, Math.floor(section().get<number>('multipartQueueSize', 4))));
  },
  downloadConfirmAboveBytes(): number {
    return Math.max(0, section().get<number>('download.confirmAboveMB', 1024)) * MEGABYTE;
  },
  /** Options every upload gets unless changed in the flow; empty values send no header. */
  uploadDefaults(): { storageClass?: string; serverSideEncryption?: string; kmsKeyId?: string; cannedAcl?: string; cacheControl?: string } {
    const text = (name: string) => section().get<string>(name, '').trim() || undefined;
    const sse = text('upload.serverSideEncryption');
    const acl = text('upload.acl');
    return {
      storageClass: text('upload.storageClass'),
      serverSideEncryption: sse === 'none' ? undefined : sse,
      kmsKeyId: text('upload.kmsKeyId'),
      cannedAcl: acl === 'none' ? undefined : acl,
      cacheControl: text('upload.cacheControl'),
    };
  },
  /** Server-side copies above this go multipart (UploadPartCopy); 5 GiB is the single-request limit. */
  multipartCopyThresholdBytes(): number {
    return Math.min(5120, Math.max(5, section().get<number>('multipartCopyThresholdMB', 5120))) * MEGABYTE;
  },
  async setUserValue(name: 'readOnlyConnections' | 'endpoints', value: unknown): Promise<void> {
    await section().update(name, value, vscode.ConfigurationTarget.Global);
  },
};
