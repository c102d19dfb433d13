/** Floor for `pages`: it constructs no SDK client, so its floor is an empty handler. */
export const handler = async (): Promise<number> => 0;
