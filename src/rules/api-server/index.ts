/** Every rule the API server enforces for batch/v1 Jobs and CronJobs, in reporting order. */
import { Rule } from '../rule';

export const API_SERVER_RULES: readonly Rule[] = [];
