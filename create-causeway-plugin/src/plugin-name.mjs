import validateName from 'validate-npm-package-name';

/**
 * Checks a plugin's package name by npm's rules for new packages; returns the problems, none when fine.
 * @param {string} name
 * @returns {string[]}
 */
export function pluginNameProblems(name) {
  const result = validateName(name);
  return [...(result.errors ?? []), ...(result.warnings ?? [])];
}

/**
 * The folder a package is written to by default: the name without its scope.
 * @param {string} name
 */
export function defaultDirectory(name) {
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}
