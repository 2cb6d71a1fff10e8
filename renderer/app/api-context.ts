import { createContext, useContext } from 'react';
import type { WorkstationApi } from '../../common/contract/index.js';

export const ApiContext = createContext<WorkstationApi | null>(null);

export function useApi(): WorkstationApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
