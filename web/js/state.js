// What the page has loaded, shared by the modules that draw it.
import { isPhone } from './dom.js';

export const pageSize = () => (isPhone() ? 20 : 50);
// rowNote: {id, text, list} an edit's confirmation shown under its row by the table load numbered
// `list` (table.js), so the next load drops it.
export const state = { data: {}, charts: [], asksShown: pageSize(), listToken: 0, rows: [], rowNote: null };
