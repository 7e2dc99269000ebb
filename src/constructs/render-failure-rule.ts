/** The rule reported when a construct cannot even render its manifest, so no other rule can judge it. */
import { ConstructRule } from '../rules/construct-rule';
import { RuleOrigin } from '../rules/rule';

export const RENDER_FAILED_RULE: ConstructRule<{ readonly error: unknown }> = {
  id: 'construct-render-failed',
  origin: RuleOrigin.CONSTRUCT,
  constructs: ['every batch construct'],
  summary: 'The manifest cannot be rendered (no container, an escape hatch patching a path that does not exist, ...).',
  check: ({ error }) => {
    // cdk8s wraps render errors as "Failed serializing construct at path ... : Error: <reason>"; keep the reason.
    const text = error instanceof Error ? error.message : String(error);
    const reason = text.replace(/^Failed serializing construct at path '[^']*' with name '[^']*': (Error: )?/, '');
    return [
      {
        field: '(manifest)',
        message: `could not render the manifest: ${reason}`,
        fix: "correct the construct's props or the escape hatch named in the reason (for example add a container, or patch a path that exists).",
      },
    ];
  },
};
