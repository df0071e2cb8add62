export { Public, publicRouteKey } from './public.decorator';
