# Vietnamese formats for the portal: dd/mm/yyyy and HH:MM everywhere.
# Django's own `vi` locale spells dates out ("Ngày 5 tháng 6 năm 2025") and defines
# no *_INPUT_FORMATS, so Django falls back to month-first input ("05/06/2025" would
# become 6 May). Every input format here is day-first; ISO dates are accepted too.
DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d/m/Y H:i"
YEAR_MONTH_FORMAT = "m/Y"
MONTH_DAY_FORMAT = "d/m"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # '25/08/2021'
    "%d/%m/%y",  # '25/08/21'
    "%d-%m-%Y",  # '25-08-2021'
    "%d.%m.%Y",  # '25.08.2021'
    "%Y-%m-%d",  # '2021-08-25' (ISO, from <input type=date>)
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # '14:30'
    "%H:%M:%S",  # '14:30:59'
    "%Hh%M",  # '14h30'
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",  # '25/08/2021 14:30'
    "%d/%m/%Y %H:%M:%S",  # '25/08/2021 14:30:59'
    "%d/%m/%y %H:%M",  # '25/08/21 14:30'
    "%d-%m-%Y %H:%M",  # '25-08-2021 14:30'
    "%Y-%m-%d %H:%M:%S",  # '2021-08-25 14:30:59'
    "%Y-%m-%d %H:%M",  # '2021-08-25 14:30'
    "%Y-%m-%dT%H:%M",  # '2021-08-25T14:30' (from <input type=datetime-local>)
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
