import { UsageError } from "../../errors.js";

/**
 * `--product DIR` (or `--product=DIR`) anywhere on the command line chooses the product profile
 * for every command, exactly like CALL_COACH_PRODUCT, which it sets. It is taken out before
 * commander sees the arguments so no command has to declare it and the command name is found.
 */
export function takeProductOption(argv: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === "--product" || arg.startsWith("--product=")) {
      const value = arg === "--product" ? argv[++i] : arg.slice("--product=".length);
      if (!value || value.startsWith("-"))
        throw new UsageError("--product needs a profile folder (--product DIR)");
      env.CALL_COACH_PRODUCT = value;
      continue;
    }
    rest.push(arg);
  }
  return rest;
}
