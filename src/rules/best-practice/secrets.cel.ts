/**
 * CEL form of secrets.ts' container-secret-in-env (opt-in: in a policy only when given a level).
 * The plain-text credential rules have none: their name lists and token shapes would be a second
 * implementation of support/secrets.ts in regexes.
 */
import { CEL, CelForms } from './cel-form';
import { secretInEnvironment } from './secrets';

export const SECRET_CEL: CelForms = {
  [secretInEnvironment.id]: {
    violation: `${CEL.allContainers}.exists(c, c.?env.orValue([]).exists(e, has(e.valueFrom) && has(e.valueFrom.secretKeyRef)) || c.?envFrom.orValue([]).exists(s, has(s.secretRef)))`,
    fix: 'Mount the Secret as a read-only volume and have the program read the file, e.g. through a *_FILE variable holding its path.',
  },
};
