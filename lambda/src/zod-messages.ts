/**
 * The function's schemas use the tree-shakable `zod/mini` build (tens of KiB
 * in the bundle instead of about 440 KiB for classic zod). Mini leaves zod's
 * English messages out by default; importing this module for its side effect
 * puts them back. Import zod as `import * as z from 'zod/mini'` and never
 * re-export the namespace: a namespace used as a value drags every locale in.
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());
