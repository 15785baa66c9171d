/* A PAM authentication module whose decision is made in Java. */
#ifndef PAM_JX_H
#define PAM_JX_H
#include <security/pam_modules.h>

/* PAM_SUCCESS for the users the Java side knows, PAM_USER_UNKNOWN for the others. */
int pam_sm_authenticate(pam_handle_t *pamh, int flags, int argc, const char **argv);
/* Nothing to set: PAM_SUCCESS. */
int pam_sm_setcred(pam_handle_t *pamh, int flags, int argc, const char **argv);
#endif
