import type { S3Service } from '../../s3/service';
import { describeDuration, MAX_PRESIGN_SECONDS, parseDuration, presignLifetime, type PresignLifetime } from '../../s3/presignExpiry';
import { localAndUtc } from '../../ui/format';
import type { Prompts } from '../../ui/prompts';
import { l10n } from '../../l10n';

const CUSTOM = l10n.t('Custom…');
const CHOICES = [
  { label: l10n.t('15 minutes'), seconds: 15 * 60 },
  { label: l10n.t('1 hour'), seconds: 3600 },
  { label: l10n.t('1 day'), seconds: 86_400 },
  { label: l10n.t('7 days'), seconds: MAX_PRESIGN_SECONDS, description: l10n.t('the longest SigV4 allows') },
  { label: CUSTOM, seconds: 0, description: l10n.t('e.g. 90s, 45m, 12h, 3d') },
];

/** How long the URL lives, chosen by the user and capped by SigV4 and by the credentials that sign it. */
export async function choosePresignLifetime(prompts: Prompts, service: S3Service, title: string): Promise<PresignLifetime> {
  const choice = await prompts.pick(CHOICES, { title: l10n.t('{0}: valid for', title) });
  const seconds =
    choice.label === CUSTOM
      ? parseDuration(
          await prompts.ask({
            title: l10n.t('{0}: valid for', title),
            prompt: l10n.t('A number and a unit: s, m, h or d (90s, 45m, 12h, 3d); at most 7 days.'),
            validateInput: (text) => {
              const parsed = parseDuration(text);
              return parsed === undefined ? l10n.t('A number and a unit: s, m, h or d, e.g. 45m.') : parsed > MAX_PRESIGN_SECONDS ? l10n.t('At most 7 days: SigV4 presigned URLs cannot live longer.') : undefined;
            },
          }),
        )!
      : choice.seconds;
  return presignLifetime(seconds, new Date(), await service.signingCredentials());
}

const SHORTENED = {
  credentials: l10n.t('shortened: the temporary credentials that sign it expire then'),
  sigv4: l10n.t("shortened to SigV4's 7-day limit"),
};
const SESSION_END_UNKNOWN = l10n.t("but it stops working when the temporary credentials' session ends, and their end is not known");

/**
 * "valid for 1 hour, until 2026-11-24 14:05 local (13:05 UTC)", saying why when it was shortened, and
 * "valid for up to …" when a session of unknown end signs it (it may die sooner).
 */
export function describeLifetime(lifetime: PresignLifetime, now: Date): string {
  const duration = describeDuration(lifetime.seconds);
  const end = localAndUtc(new Date(now.getTime() + lifetime.seconds * 1000));
  const until = lifetime.sessionEndUnknown ? l10n.t('valid for up to {0}, until {1}', duration, end) : l10n.t('valid for {0}, until {1}', duration, end);
  const notes = [lifetime.cappedBy && SHORTENED[lifetime.cappedBy], lifetime.sessionEndUnknown && SESSION_END_UNKNOWN].filter(Boolean);
  return notes.length > 0 ? `${until} — ${notes.join('; ')}` : until;
}
