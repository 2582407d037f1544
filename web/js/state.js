// What the page has loaded, shared by the modules that draw it.
import { isPhone } from './dom.js';

export const pageSize = () => (isPhone() ? 20 : 50);
export const state = { data: {}, charts: [], asksShown: pageSize(), listToken: 0, rows: [] };
