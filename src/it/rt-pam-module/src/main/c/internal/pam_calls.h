/* Not exported: libpam's functions the Java side calls (the host has loaded libpam). */
#ifndef PAM_JX_CALLS_H
#define PAM_JX_CALLS_H
#include <security/pam_modules.h>

int pam_get_user(pam_handle_t *pamh, const char **user, const char *prompt);
#endif
