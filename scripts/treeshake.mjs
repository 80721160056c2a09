/**
 * Core modules only declare things; importing one for a type or a constant must not drag in
 * what it declares at top level (the zod schemas). The English catalogue registers itself.
 */
export const treeshake = {
  moduleSideEffects: (id) => !/[\\/]dist[\\/]core[\\/]/.test(id) || /i18n[\\/]en\.js$/.test(id),
};
