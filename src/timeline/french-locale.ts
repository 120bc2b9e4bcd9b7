import type { Locale } from 'vega';

/**
 * French number and time formats for the charting library (d3-format / d3-time-format locale
 * definitions, as Vega reads them in `config.locale`): axis dates read "oct. 2019", not "Oct 2019".
 */
export const FRENCH_LOCALE: Locale = {
  number: {
    decimal: ',',
    thousands: '\u202f',
    grouping: [3],
    currency: ['', '\u00a0€'],
    percent: '\u202f%',
  },
  time: {
    dateTime: '%A %e %B %Y à %X',
    date: '%d/%m/%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    shortDays: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
    months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    shortMonths: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  },
};
