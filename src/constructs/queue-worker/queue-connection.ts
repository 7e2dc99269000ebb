/**
 * The queue connection a worker needs (URL, user, password...), as environment variables that
 * reference keys of a Kubernetes Secret (`valueFrom.secretKeyRef`). The manifest holds the Secret's
 * name and key names only, never a value; KEDA's `...FromEnv` trigger parameters read the same
 * variables, so the connection is declared once.
 */
import { Violation } from '../../rules/rule';
import { ISecret } from 'cdk8s-plus-28';

export class QueueConnection {
  /**
   * Variables from `secret`: `variables` maps each environment variable name to the key of the
   * Secret holding its value, e.g. `{ REDIS_ADDRESS: 'address', REDIS_PASSWORD: 'password' }`.
   */
  public static fromSecret(secret: ISecret, variables: { [variable: string]: string }): QueueConnection {
    return new QueueConnection(secret, { ...variables });
  }

  private constructor(
    private readonly secret: ISecret,
    private readonly variables: { readonly [variable: string]: string },
  ) {}

  /**
   * The variable names, in a stable order.
   * @internal
   */
  public _names(): string[] {
    return Object.keys(this.variables).sort();
  }

  /**
   * The container `env` entries.
   * @internal
   */
  public _env(): Array<{ name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }> {
    return this._names().map((name) => ({
      name,
      valueFrom: { secretKeyRef: { name: this.secret.name, key: this.variables[name] } },
    }));
  }

  /**
   * Mistakes in the mapping.
   * @internal
   */
  public _violations(): Violation[] {
    const problems: Violation[] = [];
    if (this._names().length === 0)
      problems.push({
        field: 'queue',
        message: 'the connection maps no variables.',
        fix: 'map at least one environment variable to a key of the Secret.',
      });
    for (const name of this._names()) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        problems.push({
          field: `queue`,
          message: `"${name}" is not a usable environment variable name.`,
          fix: `use letters, digits and underscores, not starting with a digit.`,
        });
      }
      if (!/^[-._a-zA-Z0-9]+$/.test(this.variables[name])) {
        problems.push({
          field: `queue`,
          message: `"${this.variables[name]}" (for ${name}) is not a valid Secret key.`,
          fix: `use the key's name: letters, digits, "-", "_" and ".".`,
        });
      }
    }
    return problems;
  }
}
