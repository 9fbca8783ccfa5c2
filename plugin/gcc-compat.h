/* gcc-compat.h: the only file of parc that includes GCC's plugin headers.
 *
 * parc supports GCC 12 and later; older releases stop here.  Churn between
 * supported releases is absorbed below, so gcc-glue.cc is written against one
 * API.  (GCC 12 is the only release supported today: nothing to shim yet.)
 *
 * Weak declarations: lto1 loads the plugin too (-flto, issue 5) but has no C
 * front end, so the C front end's functions the glue calls are declared weak
 * here and the glue checks them for NULL before use.  plugin_init decides by
 * language: the pragmas and the front-end hooks exist only in cc1.
 */
#ifndef plugin_gcc_compat_h
#define plugin_gcc_compat_h

#include "gcc-plugin.h"
#include "plugin-version.h"

#if GCCPLUGIN_VERSION_MAJOR < 12
#error "the parc plugin needs GCC 12 or later"
#endif

#include "tree.h"
#include "c-family/c-common.h"
#include "c-family/c-pragma.h"
#include "c-tree.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimple-ssa.h"
#include "ssa.h"
#include "tree-ssanames.h"
#include "tree-ssa-operands.h"
#include "cgraph.h"
#include "stringpool.h"
#include "attribs.h"
#include "diagnostic-core.h"
#include "langhooks.h"
#include "tree-iterator.h"
#include "fold-const.h"
#include "stor-layout.h"
#include "varasm.h"
#include "calls.h"
#include "cpplib.h"

/* The C front end's entry points (absent from lto1): weak. */
extern tree add_stmt (tree) __attribute__ ((weak));
extern tree lookup_name (tree) __attribute__ ((weak));
extern void c_register_pragma (const char *, const char *, pragma_handler_1arg)
  __attribute__ ((weak));
extern enum cpp_ttype pragma_lex (tree *, location_t *) __attribute__ ((weak));
extern void cpp_define (cpp_reader *, const char *) __attribute__ ((weak));
extern cpp_options *cpp_get_options (cpp_reader *) __attribute__ ((weak));
extern cpp_reader *parse_in __attribute__ ((weak));
extern void c_genericize (tree) __attribute__ ((weak));
extern tree build_stmt (location_t, enum tree_code, ...) __attribute__ ((weak));

#endif /* plugin_gcc_compat_h */
