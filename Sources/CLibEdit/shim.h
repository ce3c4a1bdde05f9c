#ifndef SIFT_CLIBEDIT_SHIM_H
#define SIFT_CLIBEDIT_SHIM_H
// libedit's readline-compatible and native interfaces. Variadic calls (el_set, el_get,
// history) cannot be called from Swift: wrap them below as static inline functions.
#include <stdio.h>
#include <histedit.h>
#include <editline/readline.h>
#endif
