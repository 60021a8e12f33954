/** Where Quick exit goes unless MEND_QUICK_EXIT_URL says otherwise: a page nobody would look at twice. */
export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';
