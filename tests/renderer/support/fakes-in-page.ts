/**
 * The entry of the bundle that runs IN THE PAGE (page-fakes.ts builds it): the scripted bridge
 * and the back office's fake, with the domain rules they import from core/ bundled in.
 */
export { installFakeBridge } from './fake-bridge';
export { installBackofficeFake } from './fake-backoffice';
