/**
 * `ScheduledJob`'s catch-up choice as one typed value, so that a limit can only come with the
 * policy that reads it (`CatchUp.upTo(3)`), instead of two fields that must agree.
 */
import { CatchUpPolicy } from '../plan/types';

export class CatchUp {
  /** Only a run that is on time starts (its start at most a minute ago); missed runs are dropped. */
  public static none(): CatchUp {
    return new CatchUp(CatchUpPolicy.NONE);
  }

  /** The most recent missed run starts; older ones are dropped (the CronJob controller's intent, found exactly). */
  public static latest(): CatchUp {
    return new CatchUp(CatchUpPolicy.LATEST);
  }

  /** Up to `limit` (1-100) of the most recent missed runs start, oldest first. */
  public static upTo(limit: number): CatchUp {
    return new CatchUp(CatchUpPolicy.UP_TO, limit);
  }

  /** `catchUpPolicy` in the resource. */
  public readonly policy: CatchUpPolicy;
  /** `catchUpLimit` in the resource (UpTo only). */
  public readonly limit?: number;

  private constructor(policy: CatchUpPolicy, limit?: number) {
    this.policy = policy;
    this.limit = limit;
  }
}
