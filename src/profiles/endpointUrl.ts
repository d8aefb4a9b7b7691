// Validation of custom endpoint URLs: plain http is fine for local and private hosts (a MinIO on
// the LAN) but sends credentials-signed traffic in the clear anywhere else, so it earns a warning.

import { l10n } from '../l10n';

export interface EndpointUrlCheck {
  /** Why the URL cannot be used. */
  error?: string;
  /** Why the URL may be a mistake; the user may go on. */
  warning?: string;
}

function isPrivateHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name.endsWith('.internal') || name.endsWith('.lan')) {
    return true;
  }
  if (name.includes(':')) {
    return name === '::1' || /^f[cd]/.test(name) || name.startsWith('fe80:'); // IPv6 loopback, unique-local, link-local
  }
  const octets = name.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255)) {
    return !name.includes('.'); // a bare host name only resolves on a local network
  }
  const [a, b] = octets;
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

export function checkEndpointUrl(value: string): EndpointUrlCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { error: l10n.t('Enter a full URL such as https://s3.example.com or http://127.0.0.1:9000.') };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: l10n.t('The endpoint must use http or https, not {0}.', url.protocol.replace(':', '')) };
  }
  if (url.username || url.password) {
    return { error: l10n.t('Do not put credentials in the URL; the access key and secret are asked for next and kept in VS Code\'s secret storage.') };
  }
  if (url.search || url.hash) {
    return { error: l10n.t('The endpoint URL cannot have a query or fragment.') };
  }
  if (url.protocol === 'http:' && !isPrivateHost(url.hostname)) {
    return { warning: l10n.t('{0} is not a local or private address, and plain http sends your requests unencrypted. Prefer https.', url.hostname) };
  }
  return {};
}
