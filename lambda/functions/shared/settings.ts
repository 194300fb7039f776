/**
 * A setting a shipped function needs from every target (CONTRACT.md: `settings`),
 * checked once at init: missing or malformed is a ConfigurationError naming the
 * variable, the target, the key and the rule.
 */
import { ConfigurationError, type Target } from '../../src/index';

export interface SettingRule {
  /** The function that needs the setting, for the message ("Pinpoint", "Customer Profiles"). */
  requiredBy: string;
  pattern: RegExp;
  /** The rule in words, e.g. "expected 32 lowercase hex characters". */
  expected: string;
}

export function requiredSetting(target: Target, key: string, rule: SettingRule): string {
  const problem = (what: string) =>
    new ConfigurationError(`CROSS_ACCOUNT_TARGETS is invalid: ${target.name}.settings.${key}: ${what}.`, {
      target: target.name,
      roleArn: target.roleArn,
    });
  if (!Object.hasOwn(target.settings, key)) throw problem(`is required by the ${rule.requiredBy} function`);
  const value = target.setting(key);
  if (!rule.pattern.test(value)) throw problem(rule.expected);
  return value;
}
