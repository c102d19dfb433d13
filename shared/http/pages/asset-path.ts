/**
 * The URL path a page links for an asset, from the hashed names alone: rendering a page never
 * bundles the assets' bodies (only the pages function, which serves them, imports those).
 */
import { ASSET_FILES, type AssetName } from './asset-names.generated';

export type { AssetName };

/** `/assets/form.3f2a9c1b.js` */
export const assetPath = (name: AssetName): string => `/assets/${ASSET_FILES[name]}`;
