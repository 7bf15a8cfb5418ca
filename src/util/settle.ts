/**
 * Like Promise.all, but waits for every promise and, when several fail, throws the error of the first one in
 * argument order. Promise.all throws whichever fails first in time, so an error message would depend on which
 * file happened to be read faster.
 */
export async function allInOrder<T extends readonly unknown[]>(
  promises: {
    readonly [K in keyof T]: Promise<T[K]>;
  },
): Promise<T> {
  const settled = await Promise.allSettled(promises as readonly Promise<unknown>[]);
  for (const result of settled) if (result.status === "rejected") throw result.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
