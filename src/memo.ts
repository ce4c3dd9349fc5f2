/**
 * `compute(key)` run once per key object and remembered while the key lives (a WeakMap): for
 * what the stages derive from long-lived objects (a profile, a lexicon, a model, a retrieved
 * hit) and use on every call. Two keys nest: `memo((a) => memo((b) => f(a, b)))`, called `g(a)(b)`.
 */
export function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
