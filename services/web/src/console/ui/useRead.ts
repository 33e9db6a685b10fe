// A screen's read from a service: undefined while it runs, null when it failed (no answer, or an
// answer without data), else the value; `reload` reads again (after a change, or to retry). The
// read runs again when one of `deps` changes.
import { useCallback, useEffect, useState } from "react";

export function useRead<T>(read: () => Promise<T | undefined>, deps: unknown[]): [T | null | undefined, () => Promise<void>] {
  const [value, setValue] = useState<T | null | undefined>();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const load = useCallback(async () => {
    try {
      setValue((await read()) ?? null);
    } catch {
      setValue(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    void load();
  }, [load]);
  return [value, load];
}
