/** Floor for `pages`: it constructs no SDK client of its own, only the cold start's Secrets Manager client. */
import { secrets } from './secrets';

export const handler = async (): Promise<unknown[]> => [secrets];
