/* diag.h: how the runtime reports a misuse of its API. */
#ifndef runtime_diag_h
#define runtime_diag_h

/* Prints "parc: CALL: message" on stderr and aborts: for misuses after which
 * going on would corrupt memory (a strict frame joined twice or out of order). */
__attribute__((noreturn, format(printf, 2, 3), cold)) void
parcint_misuse(const char *call, const char *fmt, ...);

/* Prints "parc: CALL: message" on stderr and returns err: for misuses that an
 * error code can report without harm (a consumed future handle). */
__attribute__((format(printf, 3, 4), cold)) int
parcint_complain(int err, const char *call, const char *fmt, ...);

#endif /* runtime_diag_h */
