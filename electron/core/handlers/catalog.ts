import type { Handlers } from '../invoke';
import type { FlexForwardApi } from '../api/flexforward';
import type { Courier } from '../api/flexforward-types';

export interface CatalogHandlerDeps {
  api: () => FlexForwardApi;
  /** Told each courier list read, so documents can name couriers without asking again. */
  learnCouriers?: (couriers: readonly Courier[]) => void;
}

/** The form's courier and product selects, straight from the account's API (user priority). */
export function catalogHandlers(deps: CatalogHandlerDeps): Pick<Handlers, 'catalog:couriers' | 'catalog:products'> {
  return {
    'catalog:couriers': async () => {
      const couriers = await deps.api().listCouriers({ priority: 'user' });
      deps.learnCouriers?.(couriers);
      return couriers;
    },
    'catalog:products': async (args) =>
      (await deps.api().listProducts(args.courier, { priority: 'user' })).map((p) => ({
        code: p.code,
        name: p.name,
        description: p.description,
        courier: p.courier,
      })),
  };
}
