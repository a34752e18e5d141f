export { compileDatePattern, type DatePattern, parseDatePattern } from './date-pattern';
export { localNumber } from './locale-number';
export { type ResolvedTextLocale, resolveTextLocale, type TextLocale, thousandsSeparators } from './text-locale';
