#ifndef TALLY_CNCURSESW_SHIM_H
#define TALLY_CNCURSESW_SHIM_H

/* The wide-character API is off unless asked for before curses.h. */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Globals and macros Swift cannot use directly (Swift 6 rejects mutable C globals). */
static inline WINDOW *tally_stdscr(void) { return stdscr; }
static inline int tally_colors(void) { return COLORS; }
static inline int tally_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t tally_a_normal(void) { return A_NORMAL; }
static inline attr_t tally_a_bold(void) { return A_BOLD; }
static inline attr_t tally_a_dim(void) { return A_DIM; }
static inline attr_t tally_a_underline(void) { return A_UNDERLINE; }
static inline attr_t tally_a_reverse(void) { return A_REVERSE; }
static inline attr_t tally_a_italic(void) { return A_ITALIC; }

/* The terminal's size from the kernel, for resizes handled outside ncurses' own handler. */
static inline int tally_window_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

/* A capability string, or NULL when the terminal lacks it (tigetstr returns (char *)-1 too). */
static inline const char *tally_capability(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}
#endif
