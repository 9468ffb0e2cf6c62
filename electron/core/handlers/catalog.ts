import type { Handlers } from '../invoke';
import type { FlexForwardApi } from '../api/flexforward';

export interface CatalogHandlerDeps {
  api: () => FlexForwardApi;
}

/** The form's courier and product selects, straight from the account's API (user priority). */
export function catalogHandlers(deps: CatalogHandlerDeps): Pick<Handlers, 'catalog:couriers' | 'catalog:products'> {
  return {
    'catalog:couriers': async () => deps.api().listCouriers({ priority: 'user' }),
    'catalog:products': async (args) =>
      (await deps.api().listProducts(args.courier, { priority: 'user' })).map((p) => ({
        code: p.code,
        name: p.name,
        description: p.description,
        courier: p.courier,
      })),
  };
}
