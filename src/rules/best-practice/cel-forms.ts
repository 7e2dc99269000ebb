/**
 * Every best-practice rule's CEL form, or why it has none: what the generated admission policy
 * carries and what it lists as not carried. A test checks that each rule is in exactly one of the two.
 */
import { Rule } from '../rule';
import { missingHistoryLimit } from './cleanup';
import { CLEANUP_CEL } from './cleanup.cel';
import { CelForm, CelForms } from './cel-form';
import { forbidDeadlineExceedsInterval, missingConcurrencyPolicy } from './concurrency';
import { DAYLIGHT_SAVING_RULES } from './daylight-saving';
import { DEADLINE_CEL } from './deadlines.cel';
import { HARDENING_CEL } from './hardening.cel';
import { IMAGE_CEL } from './images.cel';
import { JOB_TEMPLATE_SUSPEND_CEL } from './job-template-suspend.cel';
import { KUEUE_CEL } from './kueue.cel';
import { LABEL_CEL } from './labels.cel';
import { MISSED_START_RULES } from './missed-starts';
import { RESOURCE_CEL } from './resources.cel';
import { SCHEDULE_CEL } from './schedule.cel';
import { PLAIN_SECRET_RULES } from './secrets';
import { SECRET_CEL } from './secrets.cel';
import { timeZoneInSchedule } from './time-zone';
import { TIME_ZONE_CEL } from './time-zone.cel';

export const BEST_PRACTICE_CEL: CelForms = {
  ...HARDENING_CEL,
  ...SECRET_CEL,
  ...RESOURCE_CEL,
  ...IMAGE_CEL,
  ...DEADLINE_CEL,
  ...SCHEDULE_CEL,
  ...JOB_TEMPLATE_SUSPEND_CEL,
  ...TIME_ZONE_CEL,
  ...CLEANUP_CEL,
  ...LABEL_CEL,
  ...KUEUE_CEL,
};

const CRON_PARSING = "it needs the schedule's fire times, and no Kubernetes CEL library parses cron";
const DEFAULTED_AWAY =
  'the API server defaults the field before admission, so a policy cannot see that it was left out';

/** Why a rule has no CEL form, by rule id. */
export const NOT_CARRIED_BY_CEL: Readonly<Record<string, string>> = {
  [missingHistoryLimit.id]: DEFAULTED_AWAY,
  [missingConcurrencyPolicy.id]: `${DEFAULTED_AWAY} (it becomes Allow)`,
  [forbidDeadlineExceedsInterval.id]: CRON_PARSING,
  ...Object.fromEntries(MISSED_START_RULES.map((r) => [r.id, `${CRON_PARSING}, and the time of the last run`])),
  ...Object.fromEntries(
    DAYLIGHT_SAVING_RULES.map((r) => [r.id, `${CRON_PARSING}, and no CEL library knows time-zone transitions`]),
  ),
  [timeZoneInSchedule.id]:
    'from 1.29 the API server rejects a zone in the schedule on create, before admission policies (1.30 and later) run',
  ...Object.fromEntries(
    PLAIN_SECRET_RULES.map((r) => [
      r.id,
      'its credential name lists and token shapes would be a second implementation in regexes, free to drift from the check',
    ]),
  ),
};

/** Pod Security Standards rules: Pod Security admission already checks workload templates. */
const POD_SECURITY_REASON =
  'Pod Security admission checks it in the cluster: label the namespace pod-security.kubernetes.io/warn: restricted (it warns on Job and CronJob templates too)';

/** A rule's CEL form, or undefined when it has none (see `whyNoCelForm`). */
export function celFormOf(rule: Rule): CelForm | undefined {
  return BEST_PRACTICE_CEL[rule.id];
}

/** Why a rule has no CEL form; undefined for a rule that has one, or that nobody has classified yet. */
export function whyNoCelForm(rule: Rule): string | undefined {
  if (BEST_PRACTICE_CEL[rule.id]) return undefined;
  return rule.id.startsWith('pss-') ? POD_SECURITY_REASON : NOT_CARRIED_BY_CEL[rule.id];
}
